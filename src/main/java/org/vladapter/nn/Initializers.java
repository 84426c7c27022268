package org.vladapter.nn;

import ai.djl.training.initializer.Initializer;

/** The PyTorch initialisations the PEFT modules use, as DJL {@link Initializer}s. */
public final class Initializers {

    private Initializers() {}

    /**
     * @param std standard deviation
     * @return N(0, std²)
     */
    public static Initializer normal(double std) {
        return (manager, shape, dataType) -> manager.randomNormal(0f, (float) std, shape, dataType, manager.getDevice());
    }

    /**
     * @param bound half-width
     * @return U(-bound, bound)
     */
    public static Initializer uniform(double bound) {
        return (manager, shape, dataType) ->
                manager.randomUniform((float) -bound, (float) bound, shape, dataType, manager.getDevice());
    }

    /** @return zeros */
    public static Initializer zeros() {
        return Initializer.ZEROS;
    }

    /** @return ones */
    public static Initializer ones() {
        return Initializer.ONES;
    }

    /**
     * PyTorch's {@code kaiming_uniform_(w, a=sqrt(5))} on a 2-D [out, in] weight, the default of
     * {@code nn.Linear}: U(±1/sqrt(in)), fan-in read from the last axis.
     *
     * @return the initializer
     */
    public static Initializer kaimingUniformSqrt5() {
        return (manager, shape, dataType) -> {
            double bound = 1.0 / Math.sqrt(shape.get(shape.dimension() - 1));
            return manager.randomUniform((float) -bound, (float) bound, shape, dataType, manager.getDevice());
        };
    }

    /**
     * PyTorch's default {@code nn.Linear} bias: U(±1/sqrt(fanIn)).
     *
     * @param fanIn the layer's input size
     * @return the initializer
     */
    public static Initializer linearBias(long fanIn) {
        return uniform(1.0 / Math.sqrt(fanIn));
    }

    /**
     * {@code xavier_uniform_(w[i], gain)} applied to every slice {@code w[i]} of a 3-D tensor [n, rows, cols]
     * (PyTorch fan-in = cols, fan-out = rows): U(±gain·sqrt(6/(rows+cols))).
     *
     * @param gain the gain (√2 in Compacter)
     * @return the initializer
     */
    public static Initializer xavierUniformPerSlice(double gain) {
        return (manager, shape, dataType) -> {
            if (shape.dimension() != 3) {
                throw new IllegalArgumentException("xavier per slice expects a 3-D shape, got " + shape);
            }
            double bound = gain * Math.sqrt(6.0 / (shape.get(1) + shape.get(2)));
            return manager.randomUniform((float) -bound, (float) bound, shape, dataType, manager.getDevice());
        };
    }
}
