/**
 * Reading precomputed CLIP features from the VL-Adapter release: one {@code <img_id>.h5} per image
 * (group {@code <img_id>}, dataset {@code features} (49, 2048) float16), a single multi-image {@code .h5},
 * or one {@code <vid_name>.npz} per video (array {@code features} (L, 512)). Stores read lazily, check
 * shapes, and can be wrapped in a bounded, thread-safe LRU cache ({@link
 * org.vladapter.vision.features.CachingFeatureStore}). Also small readers/writers of the file formats
 * themselves (NPY/NPZ, float16).
 */
package org.vladapter.vision.features;
