package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;

/**
 * What the encoder reads: text as ids or embeddings, its padding mask, and optional visual embeddings
 * appended after the text (VL-BART / VL-T5). Prompt embeddings are not part of the input: they come from
 * the model's {@link PromptProvider}.
 *
 * @param inputIds text ids [B, L] (int64), or {@code null} when {@code inputsEmbeds} is given
 * @param inputsEmbeds text embeddings [B, L, d], or {@code null}
 * @param attentionMask text mask [B, L] (1 = token, 0 = padding)
 * @param visualEmbeds visual token embeddings [B, V, d] appended after the text, or {@code null}
 * @param visualMask mask of the visual tokens [B, V], or {@code null} for all ones (VL-Adapter attends to
 *     every visual token, zero-padded video frames included)
 */
public record EncoderInput(
        NDArray inputIds, NDArray inputsEmbeds, NDArray attentionMask, NDArray visualEmbeds, NDArray visualMask) {

    /**
     * @param inputIds text ids [B, L]
     * @param attentionMask text mask [B, L]
     * @return a text-only input
     */
    public static EncoderInput ofIds(NDArray inputIds, NDArray attentionMask) {
        return new EncoderInput(inputIds, null, attentionMask, null, null);
    }

    /**
     * @param inputsEmbeds text embeddings [B, L, d]
     * @param attentionMask text mask [B, L]
     * @return a text-only input given as embeddings
     */
    public static EncoderInput ofEmbeds(NDArray inputsEmbeds, NDArray attentionMask) {
        return new EncoderInput(null, inputsEmbeds, attentionMask, null, null);
    }

    /**
     * @param embeds visual token embeddings [B, V, d]
     * @param mask their mask [B, V], or {@code null} for all ones
     * @return a copy with visual tokens appended
     */
    public EncoderInput withVisual(NDArray embeds, NDArray mask) {
        return new EncoderInput(inputIds, inputsEmbeds, attentionMask, embeds, mask);
    }

    /** @return the batch size */
    public long batchSize() {
        return (inputIds != null ? inputIds : inputsEmbeds).getShape().get(0);
    }

    /** @return the number of text tokens L */
    public long textLength() {
        return (inputIds != null ? inputIds : inputsEmbeds).getShape().get(1);
    }
}
