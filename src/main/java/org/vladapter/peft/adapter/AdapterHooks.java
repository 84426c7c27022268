package org.vladapter.peft.adapter;

import org.vladapter.backbone.AdapterSite;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.nn.Dense;
import org.vladapter.peft.AdapterController;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.OptionChecks;
import org.vladapter.peft.PlacedAdapterHooks;
import org.vladapter.peft.TaskRouted;

import java.util.List;

/**
 * Inserts an {@link AdapterController} of bottleneck {@link Adapter}s at every placed site: new modules
 * per site (never shared across sites or layers), routed per task as the config says.
 */
public final class AdapterHooks extends PlacedAdapterHooks {

    private final AdapterConfig config;
    private final List<String> tasks;
    private final ModelType kind;

    /**
     * @param config the adapter options
     * @param tasks the task keys
     * @param kind BART or T5 (initialisation)
     */
    public AdapterHooks(AdapterConfig config, List<String> tasks, ModelType kind) {
        super(config.placements());
        this.config = config;
        this.tasks = List.copyOf(tasks);
        this.kind = kind;
    }

    @Override
    protected SiteAdapter create(AdapterSite site) {
        long d = site.dModel();
        long m = OptionChecks.bottleneck(d, config.reductionFactor());
        TaskRouted<Adapter> routed;
        if (config.shareUpSampler()) {
            Dense up = Adapter.upSampler(d, m, kind);
            String owner = tasks.get(0);
            routed = TaskRouted.multiple(tasks, task -> task.equals(owner)
                    ? Adapter.of(Adapter.downSampler(d, m, kind), up)
                    : Adapter.withSharedUpSampler(Adapter.downSampler(d, m, kind), up));
        } else if (config.shareDownSampler()) {
            Dense down = Adapter.downSampler(d, m, kind);
            String owner = tasks.get(0);
            routed = TaskRouted.multiple(tasks, task -> task.equals(owner)
                    ? Adapter.of(down, Adapter.upSampler(d, m, kind))
                    : Adapter.withSharedDownSampler(down, Adapter.upSampler(d, m, kind)));
        } else {
            routed = TaskRouted.of(config.sharing().orElseThrow(), tasks, task -> Adapter.create(d, m, kind));
        }
        return new AdapterController<>(routed);
    }
}
