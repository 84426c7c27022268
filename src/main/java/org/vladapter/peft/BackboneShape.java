package org.vladapter.peft;

import org.vladapter.backbone.ModelType;

/**
 * What PEFT hooks need to know about the backbone before it is built.
 *
 * @param kind BART or T5 (initialisation style)
 * @param dModel the hidden size (768 for bart-base and t5-base)
 * @param encoderLayers the number of encoder layers (6 / 12)
 * @param decoderLayers the number of decoder layers (6 / 12)
 */
public record BackboneShape(ModelType kind, long dModel, int encoderLayers, int decoderLayers) {

    /** Validates the sizes. */
    public BackboneShape {
        if (kind == null) {
            throw new IllegalArgumentException("backbone kind must be given (BART or T5)");
        }
        if (dModel <= 0 || encoderLayers <= 0 || decoderLayers <= 0) {
            throw new IllegalArgumentException(
                    "backbone sizes must be positive: dModel=" + dModel + ", encoderLayers=" + encoderLayers
                            + ", decoderLayers=" + decoderLayers);
        }
    }

    /** @return facebook/bart-base: d 768, 6 + 6 layers */
    public static BackboneShape bartBase() {
        return new BackboneShape(ModelType.BART, 768, 6, 6);
    }

    /** @return t5-base: d 768, 12 + 12 layers */
    public static BackboneShape t5Base() {
        return new BackboneShape(ModelType.T5, 768, 12, 12);
    }

    /**
     * @param stack encoder or decoder
     * @return that stack's number of layers
     */
    public int layers(org.vladapter.backbone.Stack stack) {
        return stack == org.vladapter.backbone.Stack.ENCODER ? encoderLayers : decoderLayers;
    }
}
