package org.vladapter.peft;


/** How per-task PEFT modules relate across tasks (VL-Adapter's "Single" and "Multiple" variants). */
public enum Sharing {
    /** One module serves every task; it is registered once, so its parameters are named and counted once. */
    SINGLE,
    /** One module per task; a batch of task {@code t} goes through {@code t}'s module only. */
    MULTIPLE;

    /**
     * The one default of every builder that takes a sharing ({@code VlAdapter.builder()} and each method
     * config's builder): single, the paper's best variant, so that {@code method(LORA)} and {@code
     * method(LoraConfig.builder().build())} build the same model.
     */
    public static final Sharing DEFAULT = SINGLE;
}
