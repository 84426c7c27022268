package org.vladapter.train;

/**
 * The seed every released VL-Adapter script runs with, the library's one default seed: of the model's
 * initialisation ({@code VlAdapter.builder().seed}), the multi-task loader's shuffling, the trainer, the
 * recipe and the first run of {@code reproduce}.
 */
public final class PaperSeed {

    /** 9595, the released scripts' {@code --seed}. */
    public static final int VALUE = 9595;

    private PaperSeed() {}
}
