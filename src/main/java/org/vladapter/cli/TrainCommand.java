package org.vladapter.cli;

import org.vladapter.train.PaperSeed;
import org.vladapter.hub.CachedModels;
import org.vladapter.hub.HubCache;

import ai.djl.ndarray.NDManager;
import org.vladapter.model.VlAdapter;
import org.vladapter.model.VlModel;
import org.vladapter.recipe.VlTraining;
import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.peft.MethodPreset;
import org.vladapter.recipe.Recipe;
import org.vladapter.tasks.Task;
import org.vladapter.tokenize.VlTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code vladapter train}: the paper's recipe ({@link Recipe#paper}) on the VL-Adapter data release, through
 * {@link VlTraining}; options only override recipe values.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Trains VL-BART/VL-T5 with a PEFT method on the VL-Adapter release layout (datasets/README.md),"
                + " the paper's recipe by default: per-epoch validation, final test, checkpoints, prediction files,"
                + " results table and charts.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "the datasets/ folder of the VL-Adapter release")
    Path data;

    @Option(names = "--backbone", required = true,
            description = "HF checkpoint folder with tokenizer.json, or a Hub model id found in the huggingface_hub cache"
                    + " (facebook/bart-base, t5-base as hub:t5-base; fetch with download)")
    String backbone;

    @Option(names = "--method", defaultValue = "single-adapter", completionCandidates = ParamsCommand.MethodNames.class,
            description = "paper row: ${COMPLETION-CANDIDATES}")
    String method;

    @Option(names = "--tasks", defaultValue = "vqa,gqa,nlvr,caption",
            description = "comma-separated task keys (image: vqa,gqa,nlvr,caption; video: tvqa,how2qa,tvc,yc2c)")
    String tasks;

    @Option(names = {"-o", "--option"}, description = "method option NAME=VALUE, as for params (${sys:vladapter.method-options}); repeatable")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--epochs", description = "epochs (default: the recipe's, 20 image / 7 video)")
    Integer epochs;

    @Option(names = "--batch-size", description = "base batch size (default: the recipe's, 500 BART / 300 T5 image; 50 / 30 video)")
    Integer batchSize;

    @Option(names = "--lr", description = "learning rate (default: the recipe's for the method, e.g. 1e-3 single adapter)")
    Double learningRate;

    @Option(names = "--seed", defaultValue = "" + PaperSeed.VALUE, description = "seed of initialisation, data order and dropout")
    int seed;

    @Option(names = "--eval-batch-size", defaultValue = "64", description = "evaluation batch size")
    int evalBatchSize;

    @Option(names = "--feature-type", defaultValue = "RN101", description = "CLIP feature folder suffix (data_clip_<type>_att)")
    String featureType;

    @Option(names = "--feature-dim", description = "feature size D for a feature type outside the release's (ShapesWorld: --feature-type ShapesCLIP --feature-dim 128)")
    Integer featureDim;

    @Option(names = "--no-test", description = "skip the final test; every task is then reported on its validation split")
    boolean noTest;

    @Option(names = "--grad-accumulation", defaultValue = "1",
            description = "micro-batches per step with accumulated gradients: the same update, 1/k of the activation memory")
    int gradAccumulation;

    @Option(names = "--devices", description = "data-parallel training: devices as gpu0,gpu1 (cpu allowed) or a count N"
            + " (the first N GPUs); one model replica per device, each step's batch split across them (default: one"
            + " model on DJL's default device)")
    String devices;

    @Option(names = "--out", description = "run folder (default: runs/<method>)")
    Path out;

    @Option(names = "--resume", description = "continue the unfinished run in the run folder (same settings required)")
    boolean resume;

    @Option(names = "--overwrite", description = "replace a run already in the run folder")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        List<Task> taskList = Task.parseList(tasks);
        MethodPreset preset = MethodPreset.fromCliName(method);
        Path backboneFolder = CachedModels.resolve(backbone, HubCache.fromEnvironment());
        Backbone bb = openBackbone(backboneFolder);
        VlTokenizer tokenizer = VlTokenizer.load(backboneFolder, bb.config().type().name().toLowerCase(java.util.Locale.ROOT));
        Path runDir = out != null ? out : Path.of("runs", preset.cliName());
        List<ai.djl.Device> deviceList = devices == null ? List.of() : DeviceList.parse(devices);
        List<NDManager> replicaManagers = new java.util.ArrayList<>();
        try (NDManager manager = deviceList.isEmpty() ? NDManager.newBaseManager() : NDManager.newBaseManager(deviceList.get(0))) {
            VlAdapter.Builder builder = VlAdapter.builder().backbone(bb).method(preset).tasks(taskList)
                    .tokenizer(tokenizer).seed(seed).manager(manager);
            if (featureDim != null) {
                builder.featureDim(featureDim);
            }
            options.forEach(builder::option);
            if (featureDim != null) {
                builder.featureDim(featureDim);
            }
            VlModel model = builder.build();
            List<VlModel> replicas = new java.util.ArrayList<>();
            for (ai.djl.Device d : deviceList.subList(Math.min(1, deviceList.size()), deviceList.size())) {
                NDManager m = NDManager.newBaseManager(d);
                replicaManagers.add(m);
                replicas.add(builder.manager(m).build());
            }
            System.err.println(preset.cliName() + " on " + bb.id() + ": " + model.parameterSummary().line()
                    + (deviceList.isEmpty() ? "" : "; data-parallel on " + deviceList));
            Recipe.Builder recipe = Recipe.paper(model).toBuilder().seed(seed).evalBatchSize(evalBatchSize)
                    .featureType(featureType).test(!noTest);
            if (epochs != null) {
                recipe.epochs(epochs);
            }
            if (batchSize != null) {
                recipe.baseBatchSize(batchSize);
            }
            if (learningRate != null) {
                recipe.learningRate(learningRate);
            }
            VlTraining.Result result = VlTraining.builder().model(model).recipe(recipe.build()).data(data)
                    .runDir(runDir).resume(resume).overwrite(overwrite)
                    .gradientAccumulation(gradAccumulation).replicas(replicas).build().fit();
            System.out.println(result.table().toText());
            System.err.println("run folder: " + runDir.toAbsolutePath());
            return 0;
        } finally {
            replicaManagers.forEach(NDManager::close);
        }
    }

    /** A checkpoint folder with a tokenizer; a preset name explains how to get one. */
    static Backbone openBackbone(Path folder) {
        if (!Files.isDirectory(folder)) {
            String name = folder.toString();
            if (ModelConfig.preset(name) != null) {
                throw new IllegalArgumentException("'" + name + "' is a preset with random weights (for params);"
                        + " train needs pretrained weights: a Hub model fetched with `vladapter download facebook/bart-base`"
                        + " (then --backbone facebook/bart-base), a folder saved with save_pretrained, or a shipped small"
                        + " backbone (datasets/shapes-bart, datasets/shapes-t5)");
            }
            throw new IllegalArgumentException("backbone folder not found: " + folder);
        }
        if (!Files.exists(folder.resolve("tokenizer.json"))) {
            throw new IllegalArgumentException("no tokenizer.json in " + folder + " (save the tokenizer with the model)");
        }
        return Backbone.fromFolder(folder);
    }
}
