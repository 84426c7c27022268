package org.vladapter.backbone;

/** Which half of an encoder-decoder a layer belongs to. */
public enum Stack {
    /** The encoder (text, prompt and visual tokens). */
    ENCODER,
    /** The decoder (generated tokens, cross-attending to the encoder). */
    DECODER
}
