package org.vladapter.io.torch;

/**
 * A storage as a state dict's persistent id names it: {@code ('storage', torch.<Type>Storage, key, location,
 * numel)}. Tensors that share a storage (tied weights, views) hold equal references.
 *
 * @param type the element type
 * @param key the storage's key: the entry {@code data/<key>} of the zip layout, the key list entry of the legacy one
 * @param numel the storage's element count
 */
public record StorageRef(TorchStorageType type, String key, long numel) {

    /** @return the storage's size in bytes */
    public long byteCount() {
        return Math.multiplyExact(numel, (long) type.dtype().byteSize());
    }
}
