/**
 * The miniature CLIP of ShapesWorld: a small convolutional image encoder with a 7x7 grid output and a small
 * text encoder, trained contrastively (InfoNCE) on image-caption pairs and on object cells against the phrases
 * that name them ({@link org.vladapter.shapes.clip.ClipTraining}, {@link org.vladapter.shapes.clip.RegionPhrases}),
 * saved as a checkpoint folder ({@link org.vladapter.shapes.clip.ClipCheckpoint}) and used frozen to write the
 * grid and frame features ({@link org.vladapter.shapes.clip.ClipEncoder}).
 */
package org.vladapter.shapes.clip;
