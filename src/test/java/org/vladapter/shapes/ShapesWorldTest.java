package org.vladapter.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.nn.ForwardContext;
import org.vladapter.tasks.DatasetLayout;
import org.vladapter.tasks.Example;
import org.vladapter.tasks.ReaderOptions;
import org.vladapter.tasks.Task;
import org.vladapter.tasks.TaskDataset;
import org.vladapter.tokenize.VlTokenizer;
import org.vladapter.train.ProgressBar;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** ShapesWorld: reproducible generation, every split through the ordinary readers, the shipped checkpoints. */
class ShapesWorldTest {

    private static final ShapesConfig TINY = new ShapesConfig(ShapesConfig.DEFAULT_SEED, 0.005);
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @TempDir
    static Path dir;

    static Path first;

    @BeforeAll
    static void generate() {
        first = dir.resolve("a");
        ShapesWorld.open(first, TINY, ShapesWorld.clipFolder(), ProgressBar.Style.QUIET, QUIET);
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDiffers() throws Exception {
        Path again = dir.resolve("b");
        ShapesWorld.open(again, TINY, ShapesWorld.clipFolder(), ProgressBar.Style.QUIET, QUIET);
        assertThat(treeHash(again)).isEqualTo(treeHash(first));

        Path other = dir.resolve("c");
        ShapesWorld.open(other, new ShapesConfig(7, 0.005), ShapesWorld.clipFolder(), ProgressBar.Style.QUIET, QUIET);
        assertThat(hash(other.resolve("vqa/karpathy_train.json"))).isNotEqualTo(hash(first.resolve("vqa/karpathy_train.json")));
        assertThat(treeHash(other)).isNotEqualTo(treeHash(first));
    }

    @Test
    void annotationsAndPixelsMatchTheirRecordedHashes() throws Exception {
        // Pinned on one machine: pure Java (java.util.Random, integer and IEEE double arithmetic), so any JVM
        // gives the same bytes. Features are not pinned: they come from native float code.
        assertThat(hash(first.resolve("vqa/karpathy_train.json"))).isEqualTo(Golden.VQA_TRAIN);
        assertThat(hash(first.resolve("video/ann/tvqa/tvqa_train.jsonl"))).isEqualTo(Golden.TVQA_TRAIN);
        ShapesWorld world = ShapesWorld.open(first, TINY, ShapesWorld.clipFolder(), ProgressBar.Style.QUIET, QUIET);
        java.awt.image.BufferedImage image = world.image(world.sceneIds().get(0));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int p : pixels) {
            md.update(new byte[] {(byte) (p >> 16), (byte) (p >> 8), (byte) p});
        }
        assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(Golden.FIRST_IMAGE);
    }

    @Test
    void aStampedFolderIsReusedAndAnUnstampedOneIsNot() throws IOException {
        assertThat(ShapesWorld.isGenerated(first, TINY, ShapesWorld.clipFolder())).isTrue();
        assertThat(ShapesWorld.isGenerated(first, new ShapesConfig(TINY.seed(), 0.006), ShapesWorld.clipFolder())).isFalse();
        Path partial = dir.resolve("partial");
        Files.createDirectories(partial.resolve("vqa"));
        Files.writeString(partial.resolve("vqa/karpathy_train.json"), "[]");
        assertThat(ShapesWorld.isGenerated(partial, TINY, ShapesWorld.clipFolder())).isFalse();
    }

    @Test
    void theReadersLoadEverySplit() {
        ShapesWorld world = ShapesWorld.open(first, TINY, ShapesWorld.clipFolder(), ProgressBar.Style.QUIET, QUIET);
        try (DatasetLayout layout = world.layout(ReaderOptions.defaults())) {
            for (Task task : Task.values()) {
                for (String split : List.of(DatasetLayout.trainSplit(task), DatasetLayout.validationSplit(task),
                        DatasetLayout.testSplit(task))) {
                    TaskDataset data = layout.open(task, split);
                    assertThat(data.size()).as(task + " " + split).isPositive();
                    Example e = data.example(0, new Random(0));
                    // training items carry a target; evaluation items (captions) at least their references
                    assertThat(e.hasTarget() || e.reference() != null).as(task + " " + split + " has labels").isTrue();
                    for (String id : e.featureIds()) {
                        float[][] f = data.featureStore().features(id);
                        assertThat(f[0]).hasSize(ShapesWorld.FEATURE_DIM);
                        assertThat(f.length).isEqualTo(task.modality() == Task.Modality.IMAGE ? 49 : VideoSampler.FRAMES);
                    }
                }
            }
        }
        String id = world.data().cocoImages().get(0).scene().id();
        assertThat(world.captions(id)).hasSize(5);
        assertThat(world.vqaQuestions(id)).isNotEmpty().allSatisfy(q -> assertThat(q.answers()).hasSize(10));
        assertThat(world.features(id)).hasDimensions(49, ShapesWorld.FEATURE_DIM);
    }

    @Test
    void theShippedBackbonesLoadThroughTheHfFolderLoader() throws IOException {
        for (String family : List.of("bart", "t5")) {
            Path folder = family.equals("bart") ? ShapesWorld.bartFolder() : ShapesWorld.t5Folder();
            Backbone backbone = Backbone.fromFolder(folder);
            try (VlTokenizer tokenizer = VlTokenizer.load(folder, family); NDManager manager = NDManager.newBaseManager()) {
                assertThat(tokenizer.vocabSize()).isEqualTo(tokenizer.baseVocabSize() + 200);
                long[] ids = tokenizer.encode("What color is the circle?");
                // the word-level vocabulary splits punctuation off; decode cleans the space up as transformers 4.2.1 did
                assertThat(tokenizer.decodeWithoutCleanUp(ids)).isEqualTo("what color is the circle ?");
                assertThat(tokenizer.decode(ids)).isEqualTo("what color is the circle?");
                EncoderDecoder model = backbone.build(manager, org.vladapter.backbone.LayerHooks.NONE, null, tokenizer.vocabSize());
                NDArray input = manager.create(ids, new Shape(1, ids.length));
                NDArray logits = model.forward(EncoderInput.ofIds(input, manager.ones(new Shape(1, ids.length))),
                        manager.create(new long[] {backbone.config().decoderStartId()}, new Shape(1, 1)), ForwardContext.EVAL);
                assertThat(logits.getShape()).isEqualTo(new Shape(1, 1, tokenizer.vocabSize()));
            }
        }
    }

    static String treeHash(Path root) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update(root.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String hash(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Recorded hashes of the tiny default-seed generation. */
    static final class Golden {
        static final String VQA_TRAIN = "946249ccd3d915e9daf0858f14599f77ac4fe882639c16f3ca29ced415e1cce7";
        static final String TVQA_TRAIN = "06cef8dd4cf98527e84307003b05f61746264e97c54bed394c7ba67ed54f90d5";
        static final String FIRST_IMAGE = "529be9d32fbc1f0a2818af712de91ae5811364cf88e98f5e95f06eaa44998f84";
    }
}
