package org.vladapter.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses {@code --devices}: {@code gpu0,gpu1} (also {@code cpu}, {@code gpu} for gpu0) or a count of GPUs. */
final class DeviceList {

    private DeviceList() {}

    /**
     * @param spec the option's value
     * @return the devices, main model first
     * @throws IllegalArgumentException naming the bad entry, or a count above the GPUs DJL sees
     */
    static List<Device> parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.matches("\\d+")) {
            int n = Integer.parseInt(s);
            int gpus = Engine.getInstance().getGpuCount();
            if (n < 1 || n > gpus) {
                throw new IllegalArgumentException("--devices " + n + " asks for " + n + " GPUs, but DJL sees " + gpus
                        + (gpus == 0 ? " (CPU-only libtorch, or no CUDA driver; build with -Dgpu, see README GPU)" : "")
                        + "; name devices explicitly, e.g. --devices gpu0,gpu1 or cpu,cpu");
            }
            List<Device> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(Device.gpu(i));
            }
            return out;
        }
        List<Device> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.equals("cpu")) {
                out.add(Device.cpu());
            } else if (p.matches("gpu\\d*")) {
                out.add(Device.gpu(p.length() == 3 ? 0 : Integer.parseInt(p.substring(3))));
            } else {
                throw new IllegalArgumentException("--devices entry '" + part + "' is neither cpu nor gpuN (e.g. gpu0,gpu1)"
                        + " nor a GPU count");
            }
        }
        if (out.size() < 2) {
            throw new IllegalArgumentException("--devices needs at least two devices for data-parallel training (got '"
                    + spec + "'); for one GPU leave it out (CUDA_VISIBLE_DEVICES picks the GPU)");
        }
        return out;
    }
}
