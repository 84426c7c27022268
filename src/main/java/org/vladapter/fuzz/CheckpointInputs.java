package org.vladapter.fuzz;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.bart.BartModel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny BART checkpoint folder ({@code config.json} + {@code model.safetensors}) built into a model with
 * {@link Backbone#build}: integer and float64 weights, a tied {@code lm_head.weight} copy that differs (by NaN too),
 * a nested header, truncation and bit flips of the weights file.
 */
final class CheckpointInputs implements InputClass {

    static final String WEIGHTS = "model.safetensors";
    static final String CONFIG = "config.json";

    private Map<String, float[]> weights;
    private Map<String, long[]> shapes;
    private byte[] config;
    private Map<String, byte[]> originalFiles;

    private synchronized void makeOriginal() throws Exception {
        if (weights != null) {
            return;
        }
        config = Mutations.resource("bart_config.json");
        ModelConfig c = ModelConfig.fromJson(org.vladapter.io.StrictJson.parse(Mutations.text(config), CONFIG)
                .getAsJsonObject(), null, CONFIG);
        weights = new LinkedHashMap<>();
        shapes = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            BartModel model = new BartModel(c);
            model.initialize(manager, DataType.FLOAT32);
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                NDArray a = e.getValue().getArray();
                weights.put(e.getKey(), a.toFloatArray());
                shapes.put(e.getKey(), a.getShape().getShape());
            }
        }
    }

    /** The checkpoint with each tensor's dtype chosen by {@code dtypeOf} and optional extra tensors. */
    private byte[] checkpoint(java.util.function.Function<String, String> dtypeOf, Map<String, float[]> extra) {
        Map<String, float[]> all = new LinkedHashMap<>(weights);
        all.putAll(extra);
        List<SafeTensorsInputs.Tensor> tensors = new ArrayList<>();
        for (Map.Entry<String, float[]> e : all.entrySet()) {
            String dtype = dtypeOf.apply(e.getKey());
            float[] v = e.getValue();
            long[] shape = shapes.getOrDefault(e.getKey(), shapes.get("model.shared.weight"));
            ByteBuffer b;
            switch (dtype) {
                case "F64" -> {
                    b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                    for (float x : v) {
                        b.putDouble(x);
                    }
                }
                case "I16" -> {
                    b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                    for (float x : v) {
                        b.putShort((short) Math.round(x * 100));
                    }
                }
                case "I32" -> {
                    b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (float x : v) {
                        b.putInt(Math.round(x * 100));
                    }
                }
                default -> {
                    b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (float x : v) {
                        b.putFloat(x);
                    }
                }
            }
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < shape.length; i++) {
                s.append(i == 0 ? "" : ",").append(shape[i]);
            }
            tensors.add(new SafeTensorsInputs.Tensor(e.getKey(), dtype, s.append(']').toString(), b.array()));
        }
        return SafeTensorsInputs.file(SafeTensorsInputs.header(tensors, "{\"format\":\"pt\"}"),
                SafeTensorsInputs.data(tensors));
    }

    private FuzzCase of(String label, byte[] ckpt, Expect expect) {
        return new FuzzCase(label, Mutations.files(CONFIG, config, WEIGHTS, ckpt), WEIGHTS, expect, originalFiles);
    }

    @Override
    public String name() {
        return "checkpoint";
    }

    @Override
    public List<FuzzCase> cases(Random random, int count) throws Exception {
        makeOriginal();
        byte[] original = checkpoint(n -> "F32", Map.of());
        originalFiles = Mutations.files(CONFIG, config, WEIGHTS, original);
        String someWeight = "model.encoder.layers.0.fc1.weight";
        List<FuzzCase> fixed = new ArrayList<>();
        fixed.add(of("i16-weight", checkpoint(n -> n.equals(someWeight) ? "I16" : "F32", Map.of()), Expect.REFUSE));
        fixed.add(of("i32-weight", checkpoint(n -> n.equals(someWeight) ? "I32" : "F32", Map.of()), Expect.REFUSE));
        fixed.add(of("f64-weights", checkpoint(n -> "F64", Map.of()), Expect.ACCEPT_SAME));
        fixed.add(of("tied-lm-head-copy", checkpoint(n -> "F32", Map.of("lm_head.weight",
                weights.get("model.shared.weight"))), Expect.ACCEPT_SAME));
        float[] nan = weights.get("model.shared.weight").clone();
        nan[5] = Float.NaN;
        fixed.add(of("tied-lm-head-nan", checkpoint(n -> "F32", Map.of("lm_head.weight", nan)), Expect.REFUSE));
        float[] other = weights.get("model.shared.weight").clone();
        other[7] += 0.5f;
        fixed.add(of("tied-lm-head-differs", checkpoint(n -> "F32", Map.of("lm_head.weight", other)), Expect.REFUSE));
        String header = Mutations.text(original).substring(8, (int) ByteBuffer.wrap(original)
                .order(ByteOrder.LITTLE_ENDIAN).getLong(0) + 8);
        byte[] data = java.util.Arrays.copyOfRange(original, 8 + header.length(), original.length);
        fixed.add(of("nested-header", SafeTensorsInputs.file(header.stripTrailing().replace("{\"format\":\"pt\"}",
                "{\"format\":\"pt\",\"x\":" + "[".repeat(4000) + "]".repeat(4000) + "}"), data), Expect.REFUSE));
        return Mutations.assemble(fixed, count, () -> {
            if (random.nextBoolean()) {
                int n = random.nextInt(original.length);
                return of("truncate@" + n, Mutations.cut(original, n), Expect.REFUSE);
            }
            int p = random.nextInt(original.length);
            int bit = random.nextInt(8);
            return of("flip@" + p + "." + bit, Mutations.flipBit(original, p, bit), Expect.EITHER);
        });
    }

    @Override
    public Object load(Path folder, String target) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = Backbone.fromFolder(folder).build(manager);
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                NDArray a = e.getValue().getArray();
                out.put(e.getKey(), a.getDataType() + " " + java.util.Arrays.hashCode(a.toFloatArray()));
            }
        }
        return out;
    }
}
