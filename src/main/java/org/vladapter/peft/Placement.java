package org.vladapter.peft;

import org.vladapter.backbone.Stack;
import org.vladapter.backbone.SubLayer;

import java.util.EnumSet;
import java.util.Set;

/** A (stack, sub-layer) pair: where in every layer of a stack a PEFT module attaches. */
public enum Placement {
    /** Encoder self-attention. */
    ENCODER_SELF_ATTENTION(Stack.ENCODER, SubLayer.SELF_ATTENTION),
    /** Encoder feed-forward network. */
    ENCODER_FEED_FORWARD(Stack.ENCODER, SubLayer.FEED_FORWARD),
    /** Decoder self-attention. */
    DECODER_SELF_ATTENTION(Stack.DECODER, SubLayer.SELF_ATTENTION),
    /** Decoder cross-attention over the encoder output. */
    DECODER_CROSS_ATTENTION(Stack.DECODER, SubLayer.CROSS_ATTENTION),
    /** Decoder feed-forward network. */
    DECODER_FEED_FORWARD(Stack.DECODER, SubLayer.FEED_FORWARD);

    private final Stack stack;
    private final SubLayer subLayer;

    Placement(Stack stack, SubLayer subLayer) {
        this.stack = stack;
        this.subLayer = subLayer;
    }

    /** @return the stack */
    public Stack stack() {
        return stack;
    }

    /** @return the sub-layer */
    public SubLayer subLayer() {
        return subLayer;
    }

    /**
     * @param stack a stack
     * @param subLayer a sub-layer
     * @return the placement
     * @throws IllegalArgumentException for encoder cross-attention, which does not exist
     */
    public static Placement of(Stack stack, SubLayer subLayer) {
        for (Placement p : values()) {
            if (p.stack == stack && p.subLayer == subLayer) {
                return p;
            }
        }
        throw new IllegalArgumentException("no placement " + stack + " " + subLayer + " (the encoder has no cross-attention)");
    }

    /**
     * @param placements any collection, possibly empty or {@code null}
     * @return a mutable copy ({@code null} stays {@code null})
     */
    public static Set<Placement> copyOf(java.util.Collection<Placement> placements) {
        if (placements == null) {
            return null;
        }
        Set<Placement> out = EnumSet.noneOf(Placement.class);
        out.addAll(placements);
        return out;
    }

    /** @return every sub-layer of both stacks: VL-Adapter's adapter sites (docs/behaviour.md#adapters) */
    public static Set<Placement> allSubLayers() {
        return EnumSet.allOf(Placement.class);
    }

    /** @return the three attention sub-layers: LoRA's targets (docs/behaviour.md#lora) */
    public static Set<Placement> attention() {
        return EnumSet.of(ENCODER_SELF_ATTENTION, DECODER_SELF_ATTENTION, DECODER_CROSS_ATTENTION);
    }

    /**
     * @param placements the current placements, or {@code null} for none
     * @param on whether decoder cross-attention is included
     * @return a copy with {@link #DECODER_CROSS_ATTENTION} added or removed
     */
    public static Set<Placement> withCrossAttention(Set<Placement> placements, boolean on) {
        Set<Placement> p = placements == null ? EnumSet.noneOf(Placement.class) : copyOf(placements);
        if (on) {
            p.add(DECODER_CROSS_ATTENTION);
        } else {
            p.remove(DECODER_CROSS_ATTENTION);
        }
        return p;
    }
}
