package org.vladapter.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.ConstantInitializer;

import org.vladapter.nn.Dense;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;
import org.vladapter.nn.Ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A two-task toy regression: frozen input layer, trainable hidden layer with dropout, one head per task. */
final class ToyMultitask {

    static final List<String> TASKS = List.of("a", "b");
    static final int IN = 4;
    static final int HIDDEN = 8;

    private ToyMultitask() {}

    record Batch(float[] x, float[] y, int rows) {}

    static final class Heads extends Module {
        final Map<String, Dense> byTask = new LinkedHashMap<>();

        Heads() {
            for (String t : TASKS) {
                byTask.put(t, module(t, new Dense(HIDDEN, 1, true, new NormalInitializer(0.3f), new ConstantInitializer(0f))));
            }
        }
    }

    static final class Model extends Module implements TrainableModel<Batch> {
        final Dense base = module("base", new Dense(IN, HIDDEN, true, new NormalInitializer(0.5f), new ConstantInitializer(0f)));
        final Dense hidden = module("hidden", new Dense(HIDDEN, HIDDEN, true, new NormalInitializer(0.3f), new ConstantInitializer(0f)));
        final Heads heads = module("heads", new Heads());
        final NDManager manager;
        final float dropout;

        /** Builds and initialises the model from the engine seed {@code seed}; the base layer is frozen. */
        Model(NDManager manager, int seed, float dropout) {
            this.manager = manager;
            this.dropout = dropout;
            Engine.getInstance().setRandomSeed(seed);
            initialize(manager, DataType.FLOAT32);
            base.weight().freeze(true);
            base.bias().freeze(true);
        }

        @Override
        public NDArray loss(Batch batch, ForwardContext ctx) {
            NDArray x = manager.create(batch.x(), new Shape(batch.rows(), IN));
            NDArray y = manager.create(batch.y(), new Shape(batch.rows(), 1));
            NDArray h = base.forward(x).tanh();
            h = Ops.dropout(hidden.forward(h).tanh(), dropout, ctx);
            NDArray out = heads.byTask.get(ctx.task()).forward(h);
            return out.sub(y).square().mean();
        }

        @Override
        public boolean usesParameter(String taskKey, String parameterName) {
            return !parameterName.startsWith("heads.") || parameterName.startsWith("heads." + taskKey + ".");
        }

        float[] snapshot(String name) {
            Parameter p = namedParameters().get(name);
            return p.getArray().toFloatArray();
        }
    }

    /** Three batches of four rows per task; task order and batch order shuffled from (seed, epoch). */
    static final class Plan implements EpochPlan<Batch> {
        final Map<String, List<Batch>> data = new LinkedHashMap<>();
        final int seed;

        Plan(int seed) {
            this.seed = seed;
            Random r = new Random(42);
            for (String t : TASKS) {
                List<Batch> list = new ArrayList<>();
                for (int b = 0; b < 3; b++) {
                    float[] x = new float[4 * IN];
                    float[] y = new float[4];
                    for (int i = 0; i < 4; i++) {
                        float s = 0;
                        for (int j = 0; j < IN; j++) {
                            x[i * IN + j] = (float) r.nextGaussian();
                            s += x[i * IN + j] * (t.equals("a") ? 1 : -1) * (j + 1) * 0.25f;
                        }
                        y[i] = (float) Math.sin(s);
                    }
                    list.add(new Batch(x, y, 4));
                }
                data.put(t, list);
            }
        }

        @Override
        public int batchesPerEpoch() {
            return data.values().stream().mapToInt(List::size).sum();
        }

        @Override
        public Iterator<TaskBatch<Batch>> epoch(int epoch) {
            Random r = new Random(seed * 31L + epoch);
            List<String> order = new ArrayList<>();
            Map<String, List<Batch>> shuffled = new LinkedHashMap<>();
            for (Map.Entry<String, List<Batch>> e : data.entrySet()) {
                e.getValue().forEach(b -> order.add(e.getKey()));
                List<Batch> copy = new ArrayList<>(e.getValue());
                Collections.shuffle(copy, r);
                shuffled.put(e.getKey(), copy);
            }
            Collections.shuffle(order, r);
            List<TaskBatch<Batch>> out = new ArrayList<>();
            Map<String, Integer> next = new LinkedHashMap<>();
            for (int i = 0; i < order.size(); i++) {
                String t = order.get(i);
                int k = next.merge(t, 1, Integer::sum) - 1;
                out.add(new TaskBatch<>(t, i, shuffled.get(t).get(k), 4));
            }
            return out.iterator();
        }
    }
}
