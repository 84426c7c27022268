package org.vladapter.backbone;

import ai.djl.training.initializer.Initializer;

/**
 * Where a linear projection sits in a backbone, and how the backbone would build it by default.
 *
 * @param stack encoder or decoder
 * @param layer the layer index within the stack
 * @param subLayer the sub-layer
 * @param name the projection's HF local name ({@code q_proj}, {@code v_proj}, {@code fc1}, {@code q}, {@code wi}...)
 * @param role what the projection computes, independent of backbone naming
 * @param in input size
 * @param out output size
 * @param bias whether the backbone's projection has a bias
 * @param weightInit the backbone's weight initializer
 * @param biasInit the backbone's bias initializer
 */
public record ProjectionSite(
        Stack stack,
        int layer,
        SubLayer subLayer,
        String name,
        Role role,
        long in,
        long out,
        boolean bias,
        Initializer weightInit,
        Initializer biasInit) {

    /** What a projection computes. */
    public enum Role {
        /** Attention query. */
        QUERY,
        /** Attention key. */
        KEY,
        /** Attention value. */
        VALUE,
        /** Attention output. */
        OUTPUT,
        /** FFN input (expansion). */
        FFN_IN,
        /** FFN output (contraction). */
        FFN_OUT
    }
}
