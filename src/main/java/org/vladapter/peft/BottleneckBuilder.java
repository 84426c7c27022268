package org.vladapter.peft;

import java.util.Set;

/**
 * The options every bottleneck-module builder shares (adapters, Compacter, Hyperformer): the reduction
 * factor and where the modules go.
 *
 * @param <B> the concrete builder
 */
public abstract class BottleneckBuilder<B extends BottleneckBuilder<B>> {

    private int reductionFactor = 8;
    private Set<Placement> placements = Placement.allSubLayers();

    /** @return this builder, typed */
    protected abstract B self();

    /**
     * @param reductionFactor d_model / bottleneck size (default 8, bottleneck 96 for d_model 768)
     * @return this
     */
    public B reductionFactor(int reductionFactor) {
        this.reductionFactor = reductionFactor;
        return self();
    }

    /**
     * @param placements the sub-layers that get modules (default: all five)
     * @return this
     */
    public B placements(Set<Placement> placements) {
        this.placements = Placement.copyOf(placements);
        return self();
    }

    /**
     * @param on whether decoder cross-attention gets modules (default true)
     * @return this
     */
    public B crossAttention(boolean on) {
        this.placements = Placement.withCrossAttention(placements, on);
        return self();
    }

    /** @return the reduction factor set so far */
    public int reductionFactor() {
        return reductionFactor;
    }

    /** @return the placements set so far */
    public Set<Placement> placements() {
        return placements;
    }
}
