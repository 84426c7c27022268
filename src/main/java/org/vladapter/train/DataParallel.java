package org.vladapter.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Data-parallel training over replicas of one model, typically one per GPU of a node: every step splits the
 * batch into one shard per model (the main model and its replicas), each shard's loss is weighted by its share
 * of the batch's loss normaliser ({@link TrainableModel#microBatches}) before its backward pass on its own
 * model, the replicas' gradients are summed onto the main model's, the main model takes the one optimiser step,
 * and its trainable parameters are copied back to the replicas. The update is that of the whole batch on one
 * model, within float rounding.
 *
 * <p>The shards run one after another on the calling thread (DJL allows one gradient collector at a time); on
 * GPUs the devices can still overlap as far as libtorch's asynchronous kernels let them, but this is no
 * multi-threaded all-reduce. Replicas must have the main model's parameter names and shapes; every parameter
 * (frozen ones too) is copied to them before the first step.
 *
 * @param <B> the batch type
 */
final class DataParallel<B> {

    private final TrainableModel<B> main;
    private final List<TrainableModel<B>> replicas;

    DataParallel(TrainableModel<B> main, List<? extends TrainableModel<B>> replicas) {
        this.main = main;
        this.replicas = List.copyOf(replicas);
        Map<String, Parameter> reference = main.namedParameters();
        for (int i = 0; i < this.replicas.size(); i++) {
            TrainableModel<B> r = this.replicas.get(i);
            if (r == main) {
                throw new IllegalArgumentException("replica " + (i + 1) + " is the main model itself; give a separate copy");
            }
            Map<String, Parameter> params = r.namedParameters();
            if (!params.keySet().equals(reference.keySet())) {
                List<String> missing = new ArrayList<>(reference.keySet());
                missing.removeAll(params.keySet());
                List<String> extra = new ArrayList<>(params.keySet());
                extra.removeAll(reference.keySet());
                throw new IllegalArgumentException("replica " + (i + 1) + " has other parameters than the main model"
                        + " (missing " + head(missing) + ", extra " + head(extra) + "); build it the same way");
            }
            for (Map.Entry<String, Parameter> e : reference.entrySet()) {
                Parameter p = params.get(e.getKey());
                if (!p.getArray().getShape().equals(e.getValue().getArray().getShape())
                        || p.requiresGradient() != e.getValue().requiresGradient()) {
                    throw new IllegalArgumentException("replica " + (i + 1) + " parameter '" + e.getKey() + "' has shape "
                            + p.getArray().getShape() + (p.requiresGradient() ? " (trainable)" : " (frozen)")
                            + ", the main model's " + e.getValue().getArray().getShape()
                            + (e.getValue().requiresGradient() ? " (trainable)" : " (frozen)"));
                }
            }
        }
    }

    private static String head(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names.subList(0, Math.min(3, names.size())))
                + (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "");
    }

    /** @return the number of models, the main one included */
    int size() {
        return 1 + replicas.size();
    }

    /**
     * @param i 0 for the main model, 1.. for the replicas
     * @return that model
     */
    TrainableModel<B> member(int i) {
        return i == 0 ? main : replicas.get(i - 1);
    }

    /** @return the devices of the models' first parameters, main first (for the run record) */
    List<String> devices() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            Device d = member(i).namedParameters().values().iterator().next().getArray().getDevice();
            out.add(d.toString());
        }
        return out;
    }

    /**
     * Copies the main model's values of the given parameters to every replica.
     *
     * @param names parameter names
     */
    void broadcast(Collection<String> names) {
        Map<String, Parameter> from = main.namedParameters();
        for (TrainableModel<B> r : replicas) {
            Map<String, Parameter> to = r.namedParameters();
            for (String name : names) {
                NDArray src = from.get(name).getArray();
                NDArray dst = to.get(name).getArray();
                boolean grad = to.get(name).requiresGradient();
                // a native copy on the replica's device (on the same device, libtorch's to() would alias the main
                // model's tensor, so clone); intern moves its storage into the replica's array object
                NDArray copy = dst.getDevice().equals(src.getDevice()) ? src.duplicate() : src.toDevice(dst.getDevice(), true);
                dst.intern(copy);
                if (grad) {
                    dst.setRequiresGradient(true);
                }
            }
        }
    }

    /**
     * Adds the replicas' gradients of the trainable parameters a step used onto the main model's, then zeroes
     * the replicas' gradients.
     *
     * @param trainable the main model's trainable parameters
     * @param used whether the step's task touched a parameter (others have no gradient)
     * @param models how many models ran a shard this step (fewer than {@link #size} for a batch smaller than that)
     */
    void reduce(Map<String, Parameter> trainable, Predicate<String> used, int models) {
        for (TrainableModel<B> r : replicas.subList(0, Math.max(0, Math.min(replicas.size(), models - 1)))) {
            Map<String, Parameter> params = r.namedParameters();
            List<Parameter> touched = new ArrayList<>();
            for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
                if (!used.test(e.getKey())) {
                    continue;
                }
                Parameter rp = params.get(e.getKey());
                NDArray g0 = e.getValue().getArray().getGradient();
                NDArray g = rp.getArray().getGradient();
                g0.addi(g.toDevice(g0.getDevice(), false));
                touched.add(rp);
            }
            Gradients.zero(touched);
        }
    }
}
