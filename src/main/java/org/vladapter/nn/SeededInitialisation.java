package org.vladapter.nn;

import ai.djl.engine.Engine;

import java.util.function.Supplier;

/**
 * Runs a model's random initialisation from the model's own seed, without taking the engine's seed from
 * the caller.
 *
 * <p>The initialisers draw from the engine's generator (PyTorch's, which is process-global), and DJL can
 * seed that generator but not read or restore its state. So the initialisation seeds it with the model's
 * seed, exactly as the original's {@code set_seed} before building the model does (the weights are those of
 * {@code torch.manual_seed(seed)} followed by the initialisers, whatever ran before), and afterwards sets the
 * seed the caller had given the engine ({@code Engine.getInstance().setRandomSeed}) again, so the caller's
 * random draws after a build follow the caller's seed, not the model's. When the caller never seeded the
 * engine there is nothing to give back, and the generator stays where the initialisation left it.
 */
public final class SeededInitialisation {

    private SeededInitialisation() {}

    /**
     * @param seed the model's initialisation seed
     * @param init builds and initialises the model
     * @param <T> what {@code init} returns
     * @return what {@code init} returned
     */
    public static <T> T run(long seed, Supplier<T> init) {
        Engine engine = Engine.getInstance();
        Integer callers = engine.getSeed();
        engine.setRandomSeed((int) seed);
        try {
            return init.get();
        } finally {
            if (callers != null) {
                engine.setRandomSeed(callers);
            }
        }
    }
}
