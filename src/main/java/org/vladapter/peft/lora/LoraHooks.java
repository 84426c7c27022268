package org.vladapter.peft.lora;

import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ProjectionSite;
import org.vladapter.nn.Projection;
import org.vladapter.peft.TaskRoutes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Answers targeted projection sites with {@link LoraProjection}s (built with the site's own sizes, bias
 * and initializers) and every other site with the backbone's plain projection. Keeps the projections it
 * made, for {@link #mergeAll(String)} / {@link #unmergeAll()}.
 */
public final class LoraHooks implements LayerHooks {

    private final LoraConfig config;
    private final TaskRoutes routes;
    private final List<LoraProjection> created = new ArrayList<>();

    /**
     * @param config the LoRA options
     * @param tasks the task keys
     */
    public LoraHooks(LoraConfig config, List<String> tasks) {
        this.config = config;
        this.routes = new TaskRoutes(tasks, config.sharing().orElseThrow());
    }

    @Override
    public Projection projection(ProjectionSite site) {
        if (!config.targets(site)) {
            return LayerHooks.super.projection(site);
        }
        LoraProjection p = new LoraProjection(site.in(), site.out(), site.bias(), site.weightInit(), site.biasInit(),
                config, routes);
        created.add(p);
        return p;
    }

    /** @return the LoRA projections made so far, in creation order */
    public List<LoraProjection> projections() {
        return Collections.unmodifiableList(created);
    }

    /**
     * Merges every LoRA projection for a task (any task with shared pairs).
     *
     * @param task a task key
     */
    public void mergeAll(String task) {
        for (LoraProjection p : created) {
            p.merge(task);
        }
    }

    /** Unmerges every LoRA projection. */
    public void unmergeAll() {
        for (LoraProjection p : created) {
            p.unmerge();
        }
    }
}
