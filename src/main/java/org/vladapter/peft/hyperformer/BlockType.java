package org.vladapter.peft.hyperformer;

import org.vladapter.backbone.SubLayer;

/** The adapter block types that have their own weight generators, with the original name prefixes. */
public enum BlockType {
    /** After the feed-forward network: {@code feed_forward_{up,down}_sampler_hyper_net}. */
    FEED_FORWARD("feed_forward"),
    /** After self-attention: {@code self_attention_{up,down}_sampler_hyper_net}. */
    SELF_ATTENTION("self_attention"),
    /** After decoder cross-attention: {@code cross_attention_{up,down}_sampler_hyper_net}. */
    CROSS_ATTENTION("cross_attention");

    private final String prefix;

    BlockType(String prefix) {
        this.prefix = prefix;
    }

    /** @return the name prefix of this block type's generators */
    public String prefix() {
        return prefix;
    }

    /**
     * @param subLayer a sub-layer
     * @return its block type
     */
    public static BlockType of(SubLayer subLayer) {
        return switch (subLayer) {
            case FEED_FORWARD -> FEED_FORWARD;
            case SELF_ATTENTION -> SELF_ATTENTION;
            case CROSS_ATTENTION -> CROSS_ATTENTION;
        };
    }
}
