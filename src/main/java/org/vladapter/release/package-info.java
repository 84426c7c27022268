/**
 * The VL-Adapter image-text data release as published on the HuggingFace Hub ({@code ylsung/VL-Adapter-datasets}):
 * its manifest of original files, and the restoration of the classic per-image {@code .h5} tree from it
 * ({@code vladapter restore-release}). Reading the release in place, without restoring, is
 * {@link org.vladapter.tasks.DatasetLayout}'s job.
 */
package org.vladapter.release;
