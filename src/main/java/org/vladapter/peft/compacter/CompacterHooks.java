package org.vladapter.peft.compacter;

import ai.djl.nn.Parameter;
import org.vladapter.backbone.AdapterSite;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.nn.Module;
import org.vladapter.peft.AdapterController;
import org.vladapter.peft.OptionChecks;
import org.vladapter.peft.PlacedAdapterHooks;
import org.vladapter.peft.TaskRouted;

import java.util.List;
import java.util.Map;

/**
 * Inserts an {@link AdapterController} of {@link CompacterAdapter}s at every placed site; with a shared
 * rule, {@link #rootModules()} supplies the one {@link SharedPhmRule} to register at the model root.
 */
public final class CompacterHooks extends PlacedAdapterHooks {

    private final CompacterConfig config;
    private final List<String> tasks;
    private final SharedPhmRule sharedRule;

    /**
     * @param config the Compacter options
     * @param tasks the task keys
     */
    public CompacterHooks(CompacterConfig config, List<String> tasks) {
        super(config.placements());
        this.config = config;
        this.tasks = List.copyOf(tasks);
        this.sharedRule = config.sharedPhmRule() ? new SharedPhmRule(config.phmDim(), config.phmInitRange()) : null;
    }

    @Override
    protected SiteAdapter create(AdapterSite site) {
        long d = site.dModel();
        long m = OptionChecks.bottleneck(d, config.reductionFactor());
        if (d % config.phmDim() != 0 || m % config.phmDim() != 0) {
            throw new IllegalArgumentException(
                    "CompacterConfig: phmDim " + config.phmDim() + " must divide the hidden size " + d
                            + " and the bottleneck " + m + " (site " + site + ")");
        }
        Parameter rule = sharedRule == null ? null : sharedRule.rule();
        return new AdapterController<>(TaskRouted.of(config.sharing().orElseThrow(), tasks,
                task -> new CompacterAdapter(d, m, config, rule)));
    }

    @Override
    public Map<String, Module> rootModules() {
        return sharedRule == null ? Map.of() : Map.of(SharedPhmRule.ROOT_NAME, sharedRule);
    }
}
