package org.vladapter.generate;

import org.vladapter.backbone.ModelConfig;

/**
 * Settings of {@link Generator}, with HF {@code generate} semantics (transformers 5 by default, 4.2.1 on request:
 * {@link GenerationSemantics}). Build with {@link #builder()}; a checkpoint's defaults come from
 * {@link #fromModel(ModelConfig)}.
 */
public final class GenerationConfig {

    private final int numBeams;
    private final int maxLength;
    private final int minLength;
    private final float lengthPenalty;
    private final boolean earlyStopping;
    private final int noRepeatNgramSize;
    private final long forcedEosId;
    private final boolean useCache;
    private final GenerationSemantics semantics;

    private GenerationConfig(Builder b) {
        this.numBeams = b.numBeams;
        this.maxLength = b.maxNewTokens > 0 ? b.maxNewTokens + 1 : b.maxLength;
        this.minLength = b.minLength;
        this.lengthPenalty = b.lengthPenalty;
        this.earlyStopping = b.earlyStopping;
        this.noRepeatNgramSize = b.noRepeatNgramSize;
        this.forcedEosId = b.forcedEosId;
        this.useCache = b.useCache;
        this.semantics = b.semantics;
    }

    /** @return a builder with HF's defaults (greedy, max length 20) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param config a checkpoint's configuration
     * @return a builder preset with the checkpoint's generation defaults (beams, n-gram blocking, early
     *     stopping, forced EOS), as HF's {@code generate} applies them
     */
    public static Builder fromModel(ModelConfig config) {
        ModelConfig.GenerationDefaults g = config.generation();
        return new Builder().numBeams(g.numBeams()).maxLength(g.maxLength()).minLength(g.minLength())
                .noRepeatNgramSize(g.noRepeatNgramSize()).earlyStopping(g.earlyStopping())
                .lengthPenalty(g.lengthPenalty()).forcedEosId(config.forcedEosId());
    }

    /** @return the number of beams (1 = greedy) */
    public int numBeams() {
        return numBeams;
    }

    /** @return the maximum length of an output, decoder start token included */
    public int maxLength() {
        return maxLength;
    }

    /** @return the minimum length before EOS is allowed, decoder start token included */
    public int minLength() {
        return minLength;
    }

    /** @return the exponent of the length normalisation of beam scores */
    public float lengthPenalty() {
        return lengthPenalty;
    }

    /** @return whether beam search stops an input as soon as it has {@code numBeams} finished hypotheses */
    public boolean earlyStopping() {
        return earlyStopping;
    }

    /** @return the size of n-grams that may not repeat (0 = off) */
    public int noRepeatNgramSize() {
        return noRepeatNgramSize;
    }

    /** @return the token forced at the last position, or -1 */
    public long forcedEosId() {
        return forcedEosId;
    }

    /** @return whether keys/values are cached between steps */
    public boolean useCache() {
        return useCache;
    }

    /** @return the transformers release whose {@code generate} is reproduced */
    public GenerationSemantics semantics() {
        return semantics;
    }

    /** Builder of {@link GenerationConfig}. */
    public static final class Builder {
        private int numBeams = 1;
        private int maxLength = 20;
        private int maxNewTokens = -1;
        private int minLength = 0;
        private float lengthPenalty = 1f;
        private boolean earlyStopping = false;
        private int noRepeatNgramSize = 0;
        private long forcedEosId = -1;
        private boolean useCache = true;
        private GenerationSemantics semantics = GenerationSemantics.TRANSFORMERS_5;

        /**
         * @param n beams (1 = greedy)
         * @return this
         */
        public Builder numBeams(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("num_beams must be >= 1, got " + n);
            }
            this.numBeams = n;
            return this;
        }

        /**
         * @param n maximum output length including the decoder start token (HF {@code max_length})
         * @return this
         */
        public Builder maxLength(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max_length must be >= 1, got " + n);
            }
            this.maxLength = n;
            this.maxNewTokens = -1;
            return this;
        }

        /**
         * @param n tokens to generate after the start token (HF {@code max_new_tokens}; overrides max length)
         * @return this
         */
        public Builder maxNewTokens(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + n);
            }
            this.maxNewTokens = n;
            return this;
        }

        /**
         * @param n minimum length including the start token
         * @return this
         */
        public Builder minLength(int n) {
            this.minLength = n;
            return this;
        }

        /**
         * @param p length penalty exponent
         * @return this
         */
        public Builder lengthPenalty(float p) {
            this.lengthPenalty = p;
            return this;
        }

        /**
         * @param e beam search early stopping
         * @return this
         */
        public Builder earlyStopping(boolean e) {
            this.earlyStopping = e;
            return this;
        }

        /**
         * @param n n-gram size that may not repeat (0 = off)
         * @return this
         */
        public Builder noRepeatNgramSize(int n) {
            this.noRepeatNgramSize = n;
            return this;
        }

        /**
         * @param id token forced at the last position (-1 = off)
         * @return this
         */
        public Builder forcedEosId(long id) {
            this.forcedEosId = id;
            return this;
        }

        /**
         * @param c whether to cache keys/values (off only for benchmarks and checks)
         * @return this
         */
        public Builder useCache(boolean c) {
            this.useCache = c;
            return this;
        }

        /**
         * @param s the transformers release to reproduce (default {@link GenerationSemantics#TRANSFORMERS_5};
         *     the paper's tasks use {@link GenerationSemantics#TRANSFORMERS_4_2_1}, see
         *     {@link org.vladapter.eval.TaskDecoding})
         * @return this
         */
        public Builder semantics(GenerationSemantics s) {
            if (s == null) {
                throw new IllegalArgumentException("semantics must not be null");
            }
            this.semantics = s;
            return this;
        }

        /** @return the configuration */
        public GenerationConfig build() {
            return new GenerationConfig(this);
        }
    }
}
