/**
 * ShapesWorld, the embedded vision-and-language benchmark: a seeded generator of scenes (Java2D images of a few
 * coloured shapes) and clips (objects that move, enter and leave, with narration subtitles), the eight tasks
 * written in the VL-Adapter release layout and formats, and features from a frozen mini-CLIP.
 *
 * <p>Entry point: {@link org.vladapter.shapes.ShapesWorld} ({@code ShapesWorld.open().layout()} gives a
 * {@code DatasetLayout} for the image and video tasks; {@code ShapesWorld.bartFolder()} / {@code t5Folder()} the
 * small pretrained backbones; {@link org.vladapter.shapes.ShapesWorld#FEATURE_DIM} the feature size). The
 * world derives from {@link org.vladapter.shapes.ShapesConfig} (seed, scale) through
 * {@link org.vladapter.shapes.ShapesData}; {@code ReleaseWriter} writes it; {@code Generator} stamps and reuses
 * generated folders. Sub-packages: {@code clip} (the mini-CLIP and its contrastive pretraining), {@code text}
 * (word-level tokenizer and BART/T5 pretraining).
 */
package org.vladapter.shapes;
