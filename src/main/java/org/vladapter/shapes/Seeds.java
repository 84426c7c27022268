package org.vladapter.shapes;

import java.util.Random;

/** Derives independent, reproducible random streams from the world seed (one per item and purpose). */
final class Seeds {

    private Seeds() {}

    /**
     * @param seed the world seed
     * @param purpose what the stream is for (a fixed string per generator)
     * @param index the item index
     * @return a {@link Random} whose sequence depends only on the three values
     */
    static Random random(long seed, String purpose, long index) {
        return new Random(mix(seed, purpose, index));
    }

    static long mix(long seed, String purpose, long index) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < purpose.length(); i++) {
            h = (h ^ purpose.charAt(i)) * 0x100000001B3L;
        }
        h ^= index * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
