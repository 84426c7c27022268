package org.vladapter.peft;

import org.vladapter.backbone.AdapterSite;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.SiteAdapter;

import java.util.EnumSet;
import java.util.Set;

/**
 * Base of the hooks that insert an adapter after chosen sub-layers (adapters, Compacter, Hyperformer):
 * answers {@code null} for sites outside the placements and builds a fresh adapter for every other site.
 */
public abstract class PlacedAdapterHooks implements LayerHooks {

    private final Set<Placement> placements;

    /**
     * @param placements the sub-layers that get an adapter
     */
    protected PlacedAdapterHooks(Set<Placement> placements) {
        this.placements = EnumSet.copyOf(placements);
    }

    @Override
    public final SiteAdapter adapter(AdapterSite site) {
        if (!placements.contains(Placement.of(site.stack(), site.subLayer()))) {
            return null;
        }
        return create(site);
    }

    /**
     * @param site a site inside the placements
     * @return a new adapter for it
     */
    protected abstract SiteAdapter create(AdapterSite site);

    /** @return the placements */
    public Set<Placement> placements() {
        return EnumSet.copyOf(placements);
    }
}
