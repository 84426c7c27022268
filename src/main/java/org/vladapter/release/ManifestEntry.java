package org.vladapter.release;

/**
 * One original file of the release as the manifest lists it.
 *
 * @param path its path under {@code datasets/} ({@code vqa/karpathy_train.json},
 *     {@code COCO/clip_features/data_clip_RN101_att/COCO_train2014_000000000009.h5})
 * @param size its size in bytes in the original release
 * @param crc its CRC-32 in the original release, or -1 when the manifest gives none
 * @param shard the Parquet shard that holds its features ({@code features/COCO/data_clip_RN101_att/part-00000.parquet}),
 *     or {@code null} for a file copied as is under {@code annotations/}
 */
public record ManifestEntry(String path, long size, long crc, String shard) {

    /** @return whether the file is a per-image feature file packed into a shard */
    public boolean isFeatureFile() {
        return shard != null && shard.endsWith(".parquet");
    }

    /** @return the image id of a feature file: its name without {@code .h5} */
    public String imageId() {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.endsWith(".h5") ? name.substring(0, name.length() - 3) : name;
    }
}
