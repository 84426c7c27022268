/**
 * The entry point: {@link org.vladapter.VlAdapter#builder()} builds a {@link org.vladapter.VlModel} (VL-BART or VL-T5
 * with a PEFT method); {@link org.vladapter.AdapterCheckpoint} saves and reloads its trainable tensors.
 */
package org.vladapter;
