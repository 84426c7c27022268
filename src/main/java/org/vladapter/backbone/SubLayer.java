package org.vladapter.backbone;

/** The sub-layers of a transformer layer, the places where PEFT modules attach. */
public enum SubLayer {
    /** Self-attention. */
    SELF_ATTENTION,
    /** Decoder cross-attention over the encoder output. */
    CROSS_ATTENTION,
    /** The position-wise feed-forward network. */
    FEED_FORWARD
}
