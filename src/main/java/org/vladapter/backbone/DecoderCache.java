package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;

/**
 * The key/value cache of a whole decoder for incremental generation: per layer, the self-attention
 * keys/values of all previous positions and the cross-attention keys/values of the encoder output.
 */
public final class DecoderCache {

    private final AttentionCache[] self;
    private final AttentionCache[] cross;

    /**
     * @param layers the number of decoder layers
     */
    public DecoderCache(int layers) {
        self = new AttentionCache[layers];
        cross = new AttentionCache[layers];
        for (int i = 0; i < layers; i++) {
            self[i] = new AttentionCache();
            cross[i] = new AttentionCache();
        }
    }

    /**
     * @param layer decoder layer index
     * @return that layer's self-attention cache
     */
    public AttentionCache self(int layer) {
        return self[layer];
    }

    /**
     * @param layer decoder layer index
     * @return that layer's cross-attention cache
     */
    public AttentionCache cross(int layer) {
        return cross[layer];
    }

    /** @return the number of decoded positions already cached */
    public long pastLength() {
        return self[0].length();
    }

    /**
     * Keeps the rows of the surviving beams. Cross-attention rows are left as they are: beams never move
     * between inputs, and the rows of one input are identical.
     *
     * @param rows the source row of each new row
     */
    public void selectRows(NDArray rows) {
        for (AttentionCache c : self) {
            c.selectRows(rows);
        }
    }
}
