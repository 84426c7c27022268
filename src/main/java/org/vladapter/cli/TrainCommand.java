package org.vladapter.cli;

import ai.djl.ndarray.NDManager;
import org.vladapter.PaperRecipe;
import org.vladapter.VlAdapter;
import org.vladapter.VlModel;
import org.vladapter.VlTraining;
import org.vladapter.backbone.Backbone;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.BatchCollator;
import org.vladapter.tasks.DatasetLayout;
import org.vladapter.tasks.MultitaskLoader;
import org.vladapter.tasks.ReaderOptions;
import org.vladapter.tasks.Task;
import org.vladapter.tokenize.VlTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vladapter train}: multi-task training on the VL-Adapter data release, the paper's recipe by default. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains VL-BART/VL-T5 with a PEFT method on the VL-Adapter release layout (datasets/README.md):"
                + " per-epoch validation, final test, checkpoints, prediction files, results table and charts.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "the datasets/ folder of the VL-Adapter release")
    Path data;

    @Option(names = "--backbone", required = true, description = "HF checkpoint folder with tokenizer.json, or a Hub id in the cache (facebook/bart-base; see download)")
    String backbone;

    @Option(names = "--method", defaultValue = "single-adapter", description = "paper row, e.g. single-adapter, multiple-lora, full-finetuning")
    String method;

    @Option(names = "--tasks", defaultValue = "vqa,gqa,nlvr,caption", description = "comma-separated task keys")
    String tasks;

    @Option(names = "--epochs", description = "epochs (default: 20 image, 7 video)")
    Integer epochs;

    @Option(names = "--batch-size", description = "base batch size (default: 500 BART / 300 T5 image; 50 / 30 video)")
    Integer batchSize;

    @Option(names = "--lr", description = "learning rate (default: the released script's for the method)")
    Double learningRate;

    @Option(names = "--seed", defaultValue = "9595", description = "seed")
    int seed;

    @Option(names = "--eval-batch-size", defaultValue = "64", description = "evaluation batch size")
    int evalBatchSize;

    @Option(names = "--feature-type", defaultValue = "RN101", description = "CLIP feature folder suffix (data_clip_<type>_att)")
    String featureType;

    @Option(names = "--no-test", description = "skip the final test (VQA karpathy_test, NLVR2 test, COCO karpathy_test)")
    boolean noTest;

    @Option(names = "--grad-accumulation", defaultValue = "1",
            description = "micro-batches per step with accumulated gradients: the same update, 1/k of the activation memory")
    int gradAccumulation;

    @Option(names = "--out", description = "run folder (default: runs/<method>)")
    Path out;

    /** Test splits with labels in the release (GQA's only number is testdev, used for validation; video tests go to the VALUE server). */
    private static boolean hasLabelledTest(Task t) {
        return t == Task.VQA || t == Task.NLVR2 || t == Task.COCO_CAPTION;
    }

    @Override
    public Integer call() throws Exception {
        List<Task> taskList = Task.parseList(tasks);
        MethodPreset preset = MethodPreset.fromCliName(method);
        Backbone bb = Backbone.of(backbone);
        if (!bb.hasWeights() || !Files.exists(bb.folder().resolve("tokenizer.json"))) {
            throw new IllegalArgumentException("no tokenizer.json in " + (bb.hasWeights() ? bb.folder() : backbone)
                    + " (train needs a checkpoint folder with its tokenizer)");
        }
        VlTokenizer tokenizer = VlTokenizer.load(bb.folder(), bb.config().type().name().toLowerCase(java.util.Locale.ROOT));
        boolean prompts = preset.usesTaskPrompts(PaperRecipe.isVideo(taskList) ? Task.Modality.VIDEO : Task.Modality.IMAGE);
        Path runDir = out != null ? out : Path.of("runs", preset.cliName());
        try (NDManager manager = NDManager.newBaseManager();
                DatasetLayout layout = DatasetLayout.builder().setRoot(data).optFeatureType(featureType)
                        .optReaderOptions(ReaderOptions.builder().optTaskPrompts(prompts).build()).build();
                BatchCollator collator = BatchCollator.builder().setEncoder(tokenizer).build()) {
            VlModel model = VlAdapter.builder().setBackbone(bb).setMethod(preset).setTasks(taskList)
                    .optTokenizer(tokenizer).optSeed(seed).optManager(manager).build();
            System.err.println(model + ": " + model.parameterSummary().line());
            int base = batchSize != null ? batchSize : PaperRecipe.baseBatchSize(bb.config().type(), taskList);
            Map<Task, Integer> sizes = MultitaskLoader.paperBatchSizes(taskList, base);
            MultitaskLoader.Builder train = MultitaskLoader.builder().setCollator(collator).optSeed(seed).optPrefetch(2);
            VlTraining.Builder run = VlTraining.builder().setModel(model).setCollator(collator)
                    .optEpochs(epochs != null ? epochs : PaperRecipe.epochs(taskList))
                    .optLearningRate(learningRate != null ? learningRate : PaperRecipe.learningRate(preset, taskList))
                    .optSeed(seed).optEvalBatchSize(evalBatchSize).optRunDir(runDir).optGradientAccumulation(gradAccumulation);
            for (Task t : taskList) {
                train.addTask(layout.open(t, DatasetLayout.trainSplit(t)), sizes.get(t));
                run.optValidation(t, layout.open(t, DatasetLayout.validationSplit(t)));
                if (!noTest && hasLabelledTest(t)) {
                    run.optTest(t, layout.open(t, DatasetLayout.testSplit(t)));
                }
            }
            List<Path> vqaAnnotations = new java.util.ArrayList<>();
            for (String split : new String[] {"train2014", "val2014"}) {
                Path f = layout.annotationRoot().resolve("vqa").resolve("v2_mscoco_" + split + "_annotations.json");
                if (taskList.contains(Task.VQA) && Files.exists(f)) {
                    vqaAnnotations.add(f);
                }
            }
            if (!vqaAnnotations.isEmpty()) {
                run.optVqaAnnotations(vqaAnnotations);
            } else if (taskList.contains(Task.VQA)) {
                System.err.println("no official VQA annotations under " + layout.annotationRoot().resolve("vqa")
                        + ": VQA is scored with the soft-label VQA score, not the official accuracy");
            }
            VlTraining.Result result = run.setTrainData(train.build()).build().fit();
            System.out.println(result.table().toText());
            System.err.println("run folder: " + runDir.toAbsolutePath());
            return 0;
        }
    }
}
