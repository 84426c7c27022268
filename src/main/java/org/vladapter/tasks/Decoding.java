package org.vladapter.tasks;

import org.vladapter.backbone.ModelConfig;
import org.vladapter.generate.GenerationConfig;
import org.vladapter.generate.GenerationSemantics;

/**
 * How a task's predictions are decoded at evaluation time, as the original VL-Adapter code ran it
 * (docs/behaviour.md#decoding): generation with a number of beams and a maximum length (decoder start token
 * included), or, for NLVR2, no generation but the comparison of the {@code true} and {@code false} logits of
 * the first answer token.
 *
 * <p>Every generation uses {@link GenerationSemantics#TRANSFORMERS_4_2_1}, the {@code generate} of the
 * transformers release the original pinned, over the backbone's own generation settings (n-gram blocking,
 * early stopping, forced EOS), as HF {@code generate} inherits them.
 *
 * @param trueFalse compare the true/false logits instead of generating
 * @param numBeams beams (1: greedy)
 * @param maxLength maximum length, decoder start token included
 * @param configuredMaxLength a maximum length the original's arguments name but did not run with (COCO
 *     captions: 40), or 0
 */
public record Decoding(boolean trueFalse, int numBeams, int maxLength, int configuredMaxLength) {

    /**
     * @param maxLength maximum length
     * @return greedy generation
     */
    public static Decoding greedy(int maxLength) {
        return new Decoding(false, 1, maxLength, 0);
    }

    /**
     * @param beams beams
     * @param maxLength maximum length
     * @return beam search
     */
    public static Decoding beam(int beams, int maxLength) {
        return new Decoding(false, beams, maxLength, 0);
    }

    /**
     * @param maxLength maximum length of the (unused) generation settings
     * @return the true/false comparison
     */
    public static Decoding trueFalse(int maxLength) {
        return new Decoding(true, 1, maxLength, 0);
    }

    /**
     * @param length the length the original's arguments name but did not run with
     * @return this decoding, recording that length
     */
    public Decoding configured(int length) {
        return new Decoding(trueFalse, numBeams, maxLength, length);
    }

    /**
     * @param length a maximum length
     * @return this decoding with that maximum length when the task has a configured alternative, else itself
     */
    public Decoding withAdjustableMaxLength(int length) {
        return configuredMaxLength > 0 ? new Decoding(trueFalse, numBeams, length, configuredMaxLength) : this;
    }

    /**
     * @param config the backbone configuration (its generation defaults)
     * @return the generation settings
     */
    public GenerationConfig generationConfig(ModelConfig config) {
        return GenerationConfig.fromModel(config).semantics(GenerationSemantics.TRANSFORMERS_4_2_1)
                .numBeams(numBeams).maxLength(maxLength).build();
    }
}
