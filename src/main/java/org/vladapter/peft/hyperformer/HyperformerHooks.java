package org.vladapter.peft.hyperformer;

import org.vladapter.backbone.AdapterSite;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.backbone.Stack;
import org.vladapter.nn.Module;
import org.vladapter.peft.BackboneShape;
import org.vladapter.peft.OptionChecks;
import org.vladapter.peft.PlacedAdapterHooks;
import org.vladapter.peft.Placement;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the shared Hyperformer controllers up front and answers every placed site with a
 * {@link HyperAdapter}. {@link #rootModules()} must be registered at the model root; its names contain a
 * dot so that the parameters carry the original names: {@value TaskEmbeddingController#ROOT_NAME},
 * {@value #ENCODER_ROOT_NAME} and {@value #DECODER_ROOT_NAME}.
 */
public final class HyperformerHooks extends PlacedAdapterHooks {

    /** Root name of the encoder's hyper-networks. */
    public static final String ENCODER_ROOT_NAME = "encoder.adapter_layers_hyper_net";
    /** Root name of the decoder's hyper-networks. */
    public static final String DECODER_ROOT_NAME = "decoder.adapter_layers_hyper_net";

    private final BackboneShape backbone;
    private final TaskEmbeddingController taskEmbeddings;
    private final AdapterLayersHyperNetController encoder;
    private final AdapterLayersHyperNetController decoder;

    /**
     * @param config the Hyperformer options
     * @param tasks the task keys
     * @param backbone the backbone's kind and sizes
     */
    public HyperformerHooks(HyperformerConfig config, List<String> tasks, BackboneShape backbone) {
        super(config.placements());
        this.backbone = backbone;
        long m = OptionChecks.bottleneck(backbone.dModel(), config.reductionFactor());
        this.taskEmbeddings = new TaskEmbeddingController(tasks, config.taskEmbeddingDim());
        this.encoder = new AdapterLayersHyperNetController(config, backbone.encoderLayers(), backbone.dModel(), m,
                blockTypes(config.placements(), Stack.ENCODER), backbone.kind());
        this.decoder = new AdapterLayersHyperNetController(config, backbone.decoderLayers(), backbone.dModel(), m,
                blockTypes(config.placements(), Stack.DECODER), backbone.kind());
    }

    private static Set<BlockType> blockTypes(Set<Placement> placements, Stack stack) {
        Set<BlockType> types = EnumSet.noneOf(BlockType.class);
        for (Placement p : placements) {
            if (p.stack() == stack) {
                types.add(BlockType.of(p.subLayer()));
            }
        }
        return types;
    }

    @Override
    protected SiteAdapter create(AdapterSite site) {
        AdapterLayersHyperNetController controller = site.stack() == Stack.ENCODER ? encoder : decoder;
        if (site.dModel() != backbone.dModel() || site.numLayers() != controller.numLayers()) {
            throw new IllegalArgumentException(
                    "Hyperformer was built for d_model " + backbone.dModel() + " and " + controller.numLayers() + " "
                            + site.stack() + " layers, but the backbone asks for site " + site);
        }
        return new HyperAdapter(taskEmbeddings, controller, site.layer(), BlockType.of(site.subLayer()));
    }

    @Override
    public Map<String, Module> rootModules() {
        Map<String, Module> roots = new LinkedHashMap<>();
        roots.put(TaskEmbeddingController.ROOT_NAME, taskEmbeddings);
        roots.put(ENCODER_ROOT_NAME, encoder);
        roots.put(DECODER_ROOT_NAME, decoder);
        return roots;
    }

    /** @return the shared task embeddings */
    public TaskEmbeddingController taskEmbeddings() {
        return taskEmbeddings;
    }

    /**
     * @param stack encoder or decoder
     * @return that stack's hyper-networks
     */
    public AdapterLayersHyperNetController controller(Stack stack) {
        return stack == Stack.ENCODER ? encoder : decoder;
    }
}
