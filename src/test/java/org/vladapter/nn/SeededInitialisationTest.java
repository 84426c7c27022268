package org.vladapter.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A build's initialisation draws from the model's seed and gives the caller's engine seed back. */
class SeededInitialisationTest {

    @Test
    void initialisationFollowsTheModelSeedAndTheCallerKeepsTheirs() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine engine = Engine.getInstance();
            engine.setRandomSeed(123);
            float[] fromModelSeed = m.randomNormal(new Shape(8)).toFloatArray();
            engine.setRandomSeed(7);
            float[] fromCallerSeed = m.randomNormal(new Shape(8)).toFloatArray();

            engine.setRandomSeed(7);
            float[] init = SeededInitialisation.run(123, () -> m.randomNormal(new Shape(8)).toFloatArray());
            float[] after = m.randomNormal(new Shape(8)).toFloatArray();

            assertThat(init).containsExactly(fromModelSeed);
            assertThat(engine.getSeed()).isEqualTo(7);
            assertThat(after).containsExactly(fromCallerSeed);
        }
    }
}
