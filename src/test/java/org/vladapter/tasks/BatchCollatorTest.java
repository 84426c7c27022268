package org.vladapter.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.vision.GridPooling;
import org.vladapter.vision.features.FeatureStore;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

class BatchCollatorTest {

    @TempDir
    static Path dir;

    private static Path root;

    @BeforeAll
    static void writeFixture() {
        root = ReleaseFixture.create(dir).root();
    }

    private DatasetLayout layout;
    private final WhitespaceEncoder encoder = new WhitespaceEncoder();
    private BatchCollator collator;

    @BeforeEach
    void setUp() {
        layout = DatasetLayout.builder().root(root).build();
        collator = BatchCollator.builder().encoder(encoder).build();
    }

    @AfterEach
    void tearDown() {
        layout.close();
        collator.close();
    }

    @Test
    void vqaBatchPadsTruncatesAndMasks() {
        TaskDataset vqa = layout.open(Task.VQA, "karpathy_train");
        Batch batch = collator.collate(vqa, new int[] {1, 2}, new Random(1));
        assertThat(batch.task()).isEqualTo(Task.VQA);
        assertThat(batch.exampleIds()).containsExactly("42001", "458752001");
        long[][] ids = batch.inputIds();
        // item 2 has a long question: truncated to 20 ids including <s> and </s>
        assertThat(ids[1]).hasSize(20);
        assertThat(ids[1][0]).isEqualTo(WhitespaceEncoder.BOS);
        assertThat(ids[1][19]).isEqualTo(WhitespaceEncoder.EOS);
        // item 1 "vqa: Is the sky blue?" = 5 words + 2 specials, padded with 1 to 20
        assertThat(batch.inputLengths()).containsExactly(7, 20);
        assertThat(Arrays.copyOfRange(ids[0], 7, 20)).containsOnly(WhitespaceEncoder.PAD);
        assertThat(batch.attentionMask()[0]).containsExactly(1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        // targets: "yes"/"no" vs "" (all-zero scores) -> [0, x, 2] and [0, 2, pad]
        assertThat(batch.targetIds()[1]).containsExactly(WhitespaceEncoder.BOS, WhitespaceEncoder.EOS, WhitespaceEncoder.PAD);
        assertThat(batch.labels()[1]).containsExactly(WhitespaceEncoder.BOS, WhitespaceEncoder.EOS, Batch.IGNORE_INDEX);
        assertThat(batch.labels()[0]).doesNotContain(Batch.IGNORE_INDEX);
        assertThat(batch.lossWeights()[1]).isZero();
        assertThat(batch.lossWeights()[0]).isIn(0.9f, 0.3f);
    }

    @Test
    void targetsAreTruncatedToTheTaskLength() {
        Example longAnswer = new Example(Task.VQA, "q", "vqa: what", "a b c d e f g h i j k l", 1f,
                List.of(ReleaseFixture.COCO_VAL_IMG), null);
        Batch batch = collator.collate(List.of(longAnswer), layout.open(Task.VQA, "karpathy_val").featureStore());
        assertThat(batch.targetIds()[0]).hasSize(10);
        Example caption = new Example(Task.COCO_CAPTION, "c", "caption: ", "w ".repeat(60), 1f,
                List.of(ReleaseFixture.COCO_VAL_IMG), null);
        assertThat(collator.collate(List.of(caption), layout.open(Task.COCO_CAPTION, "karpathy_val").featureStore())
                .targetIds()[0]).hasSize(40);
    }

    @Test
    void imageFeaturesArePooledTo36TokensWithOrderIds() {
        TaskDataset vqa = layout.open(Task.VQA, "karpathy_train");
        Batch batch = collator.collate(vqa, new int[] {0}, new Random(1));
        assertThat(batch.visualTokens()).isEqualTo(36);
        assertThat(batch.featureDim()).isEqualTo(2048);
        float[][] expected = GridPooling.adaptiveMaxPool2d(vqa.featureStore().features(ReleaseFixture.COCO_TRAIN_IMG), 6);
        float[] flat = batch.visualFeatures();
        assertThat(Arrays.copyOfRange(flat, 7 * 2048, 8 * 2048)).containsExactly(expected[7]);
        assertThat(batch.imageOrderIds()[0]).containsOnly(0L);
        assertThat(batch.objectOrderIds()[0][35]).isEqualTo(35L);
    }

    @Test
    void nlvrPairsArePooledPerImageTo72Tokens() {
        TaskDataset nlvr = layout.open(Task.NLVR2, "train");
        Batch batch = collator.collate(nlvr, new int[] {0, 1}, new Random(1));
        assertThat(batch.visualTokens()).isEqualTo(72);
        FeatureStore store = nlvr.featureStore();
        float[][] img0 = GridPooling.adaptiveMaxPool2d(store.features("train-10171-0-img0"), 6);
        float[][] img1 = GridPooling.adaptiveMaxPool2d(store.features("train-10171-0-img1"), 6);
        float[] flat = batch.visualFeatures();
        int v = 72 * 2048;
        // example 0 = (img0, img1); example 1 = (img1, img0)
        assertThat(Arrays.copyOfRange(flat, 0, 2048)).containsExactly(img0[0]);
        assertThat(Arrays.copyOfRange(flat, 36 * 2048, 37 * 2048)).containsExactly(img1[0]);
        assertThat(Arrays.copyOfRange(flat, v + 36 * 2048, v + 37 * 2048)).containsExactly(img0[0]);
        long[] imageOrder = batch.imageOrderIds()[0];
        assertThat(Arrays.copyOfRange(imageOrder, 0, 36)).containsOnly(0L);
        assertThat(Arrays.copyOfRange(imageOrder, 36, 72)).containsOnly(1L);
        assertThat(batch.objectOrderIds()[0][36]).isZero();
        assertThat(batch.objectOrderIds()[0][71]).isEqualTo(35L);
        assertThat(batch.inputLengths()[0]).isEqualTo(17); // no truncation for NLVR2
    }

    @Test
    void videoFramesArePaddedOrPooledTo64() {
        TaskDataset tvqa = layout.open(Task.TVQA, "train");
        Batch batch = collator.collate(tvqa, new int[] {0, 1}, new Random(1));
        assertThat(batch.visualTokens()).isEqualTo(64);
        assertThat(batch.featureDim()).isEqualTo(512);
        float[] flat = batch.visualFeatures();
        // example 0: 70 frames max-pooled to 64; its last window is frames [68, 70)
        float[][] frames = ReleaseFixture.videoFeatures(70, 11);
        float[] expectedLast = new float[512];
        for (int c = 0; c < 512; c++) {
            expectedLast[c] = Math.max(frames[68][c], frames[69][c]);
        }
        assertThat(Arrays.copyOfRange(flat, 63 * 512, 64 * 512)).containsExactly(expectedLast);
        // example 1: 10 frames then zeros
        int second = 64 * 512;
        assertThat(Arrays.copyOfRange(flat, second + 9 * 512, second + 10 * 512)).containsExactly(ReleaseFixture.videoFeatures(10, 12)[9]);
        assertThat(Arrays.copyOfRange(flat, second + 10 * 512, 2 * second)).containsOnly(0f);
        assertThat(batch.imageOrderIds()[1]).containsOnly(0L);
        assertThat(batch.objectOrderIds()[1][63]).isEqualTo(63L);
        assertThat(batch.targetIds()[0]).hasSize(3);
    }

    @Test
    void unlabelledBatchesHaveNoTargets() {
        Batch batch = collator.collate(layout.open(Task.TVC, "test_release"), new int[] {0}, new Random(1));
        assertThat(batch.hasTargets()).isFalse();
        assertThat(batch.references()).containsExactly((Reference) null);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(batch.toNDList(m)).hasSize(6);
            assertThatThrownBy(() -> batch.labels(m)).hasMessageContaining("no targets").hasMessageContaining("90001");
        }
    }

    @Test
    void ndArraysHaveTheDocumentedNamesShapesAndTypes() {
        Batch batch = collator.collate(layout.open(Task.NLVR2, "train"), new int[] {0, 1}, new Random(1));
        try (NDManager m = NDManager.newBaseManager()) {
            NDList list = batch.toNDList(m);
            assertThat(list.stream().map(NDArray::getName)).containsExactly(
                    "input_ids", "attention_mask", "vis_feats", "boxes", "img_order_ids", "obj_order_ids",
                    "target_ids", "labels", "loss_weights");
            long l = batch.inputIds()[0].length;
            assertThat(list.get(0).getShape()).isEqualTo(new Shape(2, l));
            assertThat(list.get(0).getDataType()).isEqualTo(DataType.INT64);
            assertThat(list.get(1).sum().getLong()).isEqualTo(Arrays.stream(batch.inputLengths()).sum());
            assertThat(list.get(2).getShape()).isEqualTo(new Shape(2, 72, 2048));
            assertThat(list.get(2).getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(list.get(3).getShape()).isEqualTo(new Shape(2, 72, 4));
            assertThat(list.get(3).abs().sum().getFloat()).isZero();
            assertThat(list.get(4).toLongArray()[40]).isEqualTo(1L);
            assertThat(list.get(7).getShape()).isEqualTo(list.get(6).getShape());
            assertThat(list.get(8).toFloatArray()).containsExactly(1f, 1f);
            assertThat(list.get(2).toFloatArray()).containsExactly(batch.visualFeatures());
        }
    }

    @Test
    void mixedBatchesAreRejected() {
        Random r = new Random(1);
        Example vqa = layout.open(Task.VQA, "karpathy_val").example(0, r);
        Example gqa = layout.open(Task.GQA, "testdev").example(0, r);
        FeatureStore store = layout.open(Task.VQA, "karpathy_val").featureStore();
        assertThatThrownBy(() -> collator.collate(List.of(vqa, gqa), store)).hasMessageContaining("mixes tasks");
        Example unlabelled = new Example(Task.VQA, "x", "vqa: q", null, 1f, vqa.featureIds(), null);
        assertThatThrownBy(() -> collator.collate(List.of(vqa, unlabelled), store)).hasMessageContaining("labelled and unlabelled");
        assertThatThrownBy(() -> collator.collate(List.of(), store)).hasMessageContaining("empty");
    }

    @Test
    void parallelFeatureReadsGiveTheSameBatch() {
        TaskDataset gqa = layout.open(Task.GQA, "train,valid");
        try (BatchCollator parallel = BatchCollator.builder().encoder(encoder).featureThreads(3).build()) {
            Batch a = collator.collate(gqa, new int[] {0, 1}, new Random(5));
            Batch b = parallel.collate(gqa, new int[] {0, 1}, new Random(5));
            assertThat(b.visualFeatures()).containsExactly(a.visualFeatures());
            assertThat(b.inputIds()).isDeepEqualTo(a.inputIds());
        }
    }
}
