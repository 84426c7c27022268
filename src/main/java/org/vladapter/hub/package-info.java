/**
 * The HuggingFace Hub: downloading model and dataset repositories into the same on-disk cache the Python
 * {@code huggingface_hub} library uses ({@code HF_HUB_CACHE}, {@code models--org--name/{blobs,snapshots,refs}}),
 * so a checkpoint or data release fetched by either side is reused by the other; and finding cached
 * snapshots by repository id.
 */
package org.vladapter.hub;
