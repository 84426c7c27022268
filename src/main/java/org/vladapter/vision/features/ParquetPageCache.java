package org.vladapter.vision.features;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded pages of the features column, least recently used first out, bounded by their heap size: rows that
 * share a page (about five per 1 MB page of the release) are decoded once while the page stays cached. A page
 * larger than the whole bound is used once and not kept. Thread-safe.
 */
final class ParquetPageCache {

    /** A page of one shard's row group; page -1 is the chunk's dictionary. */
    record Key(Path file, int group, int page) {}

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<Key, ParquetPageDecoder.Decoded> pages = new LinkedHashMap<>(16, 0.75f, true);

    /** @param maxBytes the most heap the decoded pages may hold (0 keeps none) */
    ParquetPageCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized ParquetPageDecoder.Decoded get(Key key) {
        return pages.get(key);
    }

    synchronized void put(Key key, ParquetPageDecoder.Decoded page) {
        if (page.bytes() > maxBytes) {
            return;
        }
        ParquetPageDecoder.Decoded old = pages.put(key, page);
        bytes += page.bytes() - (old == null ? 0 : old.bytes());
        for (Iterator<Map.Entry<Key, ParquetPageDecoder.Decoded>> it = pages.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
            Map.Entry<Key, ParquetPageDecoder.Decoded> e = it.next();
            if (!e.getKey().equals(key)) {
                bytes -= e.getValue().bytes();
                it.remove();
            }
        }
    }

    /** @return the bytes the cached pages hold */
    synchronized long bytes() {
        return bytes;
    }
}
