/**
 * The visual side of VL-BART / VL-T5 before the backbone: the trainable {@link
 * org.vladapter.vision.VisualEmbedding} that projects CLIP features to the model width, and the
 * adaptive max pooling ({@link org.vladapter.vision.GridPooling}) that turns a 7x7 grid into the 36
 * tokens the model sees (docs/behaviour.md#visual-input). Reading the features from disk lives in {@link
 * org.vladapter.vision.features}.
 */
package org.vladapter.vision;
