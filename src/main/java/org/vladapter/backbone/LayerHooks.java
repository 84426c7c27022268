package org.vladapter.backbone;

import org.vladapter.nn.Dense;
import org.vladapter.nn.Module;
import org.vladapter.nn.Projection;

import java.util.Map;

/**
 * The configuration points a backbone offers to parameter-efficient methods. DJL has no module
 * surgery, so BART and T5 ask these hooks while they are built: which projection to use at each
 * attention/FFN site (LoRA), which adapter to insert after each sub-layer (adapters, Compacter,
 * Hyperformer), which prompt to prepend to the encoder input (prompt tuning), and which shared modules
 * to register at the model root (Hyperformer's hyper-networks). The default hooks build the plain
 * backbone.
 */
public interface LayerHooks {

    /** Hooks that build the plain backbone. */
    LayerHooks NONE = new LayerHooks() {};

    /**
     * @param site the projection's place and default construction
     * @return the projection to use there; by default a plain {@link Dense}
     */
    default Projection projection(ProjectionSite site) {
        return new Dense(site.in(), site.out(), site.bias(), site.weightInit(), site.biasInit());
    }

    /**
     * @param site the sub-layer output
     * @return the adapter applied there, or {@code null} for none
     */
    default SiteAdapter adapter(AdapterSite site) {
        return null;
    }

    /**
     * @param dModel the hidden size
     * @return the encoder prompt, or {@code null} for none
     */
    default PromptProvider encoderPrompt(long dModel) {
        return null;
    }

    /**
     * Modules shared across sites, registered once at the model root under the given names, so that
     * their parameters are named and counted once.
     *
     * @return root modules by name
     */
    default Map<String, Module> rootModules() {
        return Map.of();
    }
}
