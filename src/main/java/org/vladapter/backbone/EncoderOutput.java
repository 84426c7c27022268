package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * The encoder's result, which the decoder cross-attends to.
 *
 * @param hidden last hidden state [B, S, d] over prompt, text and visual tokens (T5: after the final norm)
 * @param mask the mask of those S positions [B, S], float 1/0
 * @param hiddenStates the embedding output followed by each layer's output, as HF's
 *     {@code output_hidden_states} returns them (the last entry equals {@code hidden})
 */
public record EncoderOutput(NDArray hidden, NDArray mask, List<NDArray> hiddenStates) {

    /**
     * Repeats every row {@code times} times, as beam search needs (row i becomes rows i*times ...).
     *
     * @param times the repeat count
     * @return the expanded output (hidden states are dropped)
     */
    public EncoderOutput repeatRows(int times) {
        if (times == 1) {
            return this;
        }
        return new EncoderOutput(hidden.repeat(0, times), mask.repeat(0, times), List.of());
    }
}
