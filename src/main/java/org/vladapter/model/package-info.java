/**
 * The model a notebook builds: {@link org.vladapter.model.VlAdapter#builder()} puts a PEFT method into a
 * BART or T5 backbone and returns a {@link org.vladapter.model.VlModel} (VL-BART or VL-T5 with the method's
 * modules, trainable set, per-task losses and decoding); {@link org.vladapter.model.AdapterCheckpoint} saves
 * its trainable tensors and configuration and reloads them into a model built the same way.
 */
package org.vladapter.model;
