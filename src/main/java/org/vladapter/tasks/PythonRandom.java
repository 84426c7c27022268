package org.vladapter.tasks;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;

/**
 * CPython's {@code random.Random(seed)} for non-negative integer seeds: the MT19937 generator seeded with
 * {@code init_by_array} over the seed's 32-bit words, {@code getrandbits}, {@code _randbelow} (rejection
 * sampling on {@code n.bit_length()} bits) and {@code shuffle} (Fisher-Yates from the end). It exists so
 * that VL-Adapter's per-epoch task order, {@code random.Random(epoch).shuffle(tasks)}, is reproduced
 * exactly. Not thread-safe.
 */
public final class PythonRandom {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;

    /**
     * @param seed a non-negative integer seed, as passed to {@code random.Random(seed)}
     * @throws IllegalArgumentException for negative seeds (Python uses their absolute value; not needed here)
     */
    public PythonRandom(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0, got " + seed);
        }
        BigInteger s = BigInteger.valueOf(seed);
        int words = Math.max(1, (s.bitLength() + 31) / 32);
        int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = s.shiftRight(32 * i).intValue();
        }
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** @return the next 32 random bits, as an unsigned value */
    public long nextUint32() {
        if (index >= N) {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                int next = mt[(k + M) % N] ^ (y >>> 1);
                if ((y & 1) != 0) {
                    next ^= 0x9908b0df;
                }
                mt[k] = next;
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /**
     * @param k number of bits, 0 to 32
     * @return {@code random.getrandbits(k)}
     */
    public long getrandbits(int k) {
        if (k < 0 || k > 32) {
            throw new IllegalArgumentException("getrandbits supports 0..32 bits here, got " + k);
        }
        return k == 0 ? 0 : nextUint32() >>> (32 - k);
    }

    /**
     * @param n an exclusive bound, 1 to 2^31-1
     * @return a uniform integer in [0, n), drawn as CPython's {@code _randbelow_with_getrandbits}
     */
    public int randbelow(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + n);
        }
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return (int) r;
    }

    /**
     * Shuffles in place exactly as {@code random.shuffle}.
     *
     * @param list the list
     */
    public void shuffle(List<?> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = randbelow(i + 1);
            Collections.swap(list, i, j);
        }
    }
}
