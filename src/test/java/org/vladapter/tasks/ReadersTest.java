package org.vladapter.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Input strings, targets, weights and references of all eight readers on files in the original formats. */
class ReadersTest {

    @TempDir
    static Path dir;

    private static Path root;

    @BeforeAll
    static void writeFixture() {
        root = ReleaseFixture.create(dir).root();
    }

    private DatasetLayout layout;
    private DatasetLayout noPrompts;
    private final Random random = new Random(7);

    @BeforeEach
    void setUp() {
        layout = DatasetLayout.builder().root(root).build();
        noPrompts = DatasetLayout.builder().root(root)
                .readerOptions(ReaderOptions.builder().taskPrompts(false).build()).build();
    }

    @AfterEach
    void tearDown() {
        layout.close();
        noPrompts.close();
    }

    @Test
    void vqaInputTargetWeightAndReference() {
        TaskDataset vqa = layout.open(Task.VQA, "karpathy_train");
        assertThat(vqa.size()).isEqualTo(3);
        assertThat(vqa.name()).isEqualTo("vqa karpathy_train");
        Example e = vqa.example(0, random);
        assertThat(e.id()).isEqualTo("458752000");
        assertThat(e.inputText()).isEqualTo("vqa: What is this photo taken looking through?");
        assertThat(e.featureIds()).containsExactly("COCO_train2014_000000000009");
        assertThat(e.targetText()).isIn("net", "mesh");
        assertThat(e.lossWeight()).isEqualTo(e.targetText().equals("net") ? 1f : 0.3f);
        assertThat(e.reference()).isEqualTo(new Reference.AnswerScores(Map.of("net", 1f, "mesh", 0.3f), "other", "what is this"));
        assertThat(((Reference.AnswerScores) e.reference()).scores().keySet()).containsExactly("net", "mesh");
        assertThat(noPrompts.open(Task.VQA, "karpathy_train").example(0, random).inputText())
                .isEqualTo("What is this photo taken looking through?");
    }

    @Test
    void vqaAnswerIsResampledOnEveryReadInProportionToScore() {
        TaskDataset vqa = layout.open(Task.VQA, "karpathy_train");
        Random r = new Random(1);
        int net = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            if (vqa.example(0, r).targetText().equals("net")) {
                net++;
            }
        }
        // P(net) = 1 / 1.3 = 0.769; 4 sigma ~ 0.012
        assertThat(net / (double) n).isBetween(0.757, 0.781);
        // same seed, same draws
        assertThat(vqa.example(1, new Random(3)).targetText()).isEqualTo(vqa.example(1, new Random(3)).targetText());
    }

    @Test
    void vqaAllZeroScoresGiveEmptyTargetWithZeroWeight() {
        Example e = layout.open(Task.VQA, "karpathy_train").example(2, random);
        assertThat(e.targetText()).isEmpty();
        assertThat(e.lossWeight()).isZero();
        assertThat(ScoredAnswers.draw(new float[] {0f, 0f}, random)).isEqualTo(-1);
        assertThat(ScoredAnswers.draw(new float[] {0f, 2f, 0f}, random)).isEqualTo(1);
    }

    @Test
    void gqaKeepsTheGpaTypoIsUnweightedAndCanBeFixed() {
        TaskDataset gqa = layout.open(Task.GQA, "train,valid");
        assertThat(gqa.size()).isEqualTo(2);
        Example e = gqa.example(1, random);
        assertThat(e.id()).isEqualTo("05451384");
        assertThat(e.inputText()).isEqualTo("gpa: What is the piece of furniture that is made of wood?");
        assertThat(e.targetText()).isEqualTo("table");
        assertThat(e.lossWeight()).isEqualTo(1f);
        assertThat(e.reference()).isEqualTo(new Reference.AnswerScores(Map.of("table", 1f), null, null));
        try (DatasetLayout fixed = DatasetLayout.builder().root(layout.root())
                .readerOptions(ReaderOptions.builder().prompt(Task.GQA, "gqa: ").build()).build()) {
            assertThat(fixed.open(Task.GQA, "testdev").example(0, random).inputText()).isEqualTo("gqa: Is it overcast?");
        }
    }

    @Test
    void nlvr2PairLabelAndImages() {
        TaskDataset nlvr = layout.open(Task.NLVR2, "train");
        Example e = nlvr.example(0, random);
        assertThat(e.id()).isEqualTo("nlvr2_train_0");
        assertThat(e.inputText()).isEqualTo(
                "nlvr: An image shows one leather pencil case, displayed open with writing implements tucked inside.");
        assertThat(e.targetText()).isEqualTo("false");
        assertThat(e.featureIds()).containsExactly("train-10171-0-img0", "train-10171-0-img1");
        assertThat(e.reference()).isEqualTo(new Reference.PairLabel(0, "train-10171-0-0"));
        assertThat(nlvr.example(1, random).targetText()).isEqualTo("true");
    }

    @Test
    void cocoTrainingHasOneItemPerSentenceIncludingRestval() {
        TaskDataset train = layout.open(Task.COCO_CAPTION, "karpathy_train");
        assertThat(train.size()).isEqualTo(3);
        Example first = train.example(0, random);
        assertThat(first.id()).isEqualTo("COCO_train2014_000000000009#0");
        assertThat(first.inputText()).isEqualTo("caption: ");
        assertThat(first.targetText()).isEqualTo("A bowl of food.");
        assertThat(train.example(1, random).targetText()).isEqualTo("Plates with broccoli on a table.");
        assertThat(first.reference()).isEqualTo(new Reference.Captions(List.of("A bowl of food.", "Plates with broccoli on a table.")));
        Example restval = train.example(2, random);
        assertThat(restval.featureIds()).containsExactly(ReleaseFixture.COCO_RESTVAL_IMG);
        assertThat(noPrompts.open(Task.COCO_CAPTION, "karpathy_train").example(0, random).inputText()).isEmpty();
    }

    @Test
    void cocoEvaluationHasOneItemPerImageWithAllReferences() {
        TaskDataset val = layout.open(Task.COCO_CAPTION, "karpathy_val");
        assertThat(val.size()).isEqualTo(1);
        Example e = val.example(0, random);
        assertThat(e.id()).isEqualTo(ReleaseFixture.COCO_VAL_IMG);
        assertThat(e.hasTarget()).isFalse();
        assertThat(e.reference()).isEqualTo(new Reference.Captions(List.of("A man riding a wave.", "Surfer on a board")));
    }

    @Test
    void tvqaInputStringIsBuiltExactlyAsTheOriginal() {
        TaskDataset tvqa = layout.open(Task.TVQA, "train");
        Example e = tvqa.example(0, random);
        assertThat(e.id()).isEqualTo("7");
        assertThat(e.inputText()).isEqualTo(
                "[Subs] Hey, Ted. Robin! [Q] What is Robin holding in her hand when she is talking to Ted about Zoey?"
                        + " [TS] (1.21-8.49) [Choices] a0: A martini glass. a1: Nachos. a2: Her purse."
                        + " a3: Marshall's book. a4: A beer bottle. tvqa: ");
        assertThat(e.targetText()).isEqualTo("a4");
        assertThat(e.featureIds()).containsExactly("met_s06e22_seg01_clip_02");
        assertThat(e.reference()).isEqualTo(new Reference.Choice(4, "How I Met You Mother"));
        // no subtitles -> "[Subs] " followed by the join space; a JSON list ts renders as Python's str(list)
        assertThat(tvqa.example(1, random).inputText()).isEqualTo(
                "[Subs]  [Q] Is Ross there? [TS] ([16.82, 19.0]) [Choices] a0: yes. a1: no. a2: maybe. a3: later. a4: never. tvqa: ");
        assertThat(noPrompts.open(Task.TVQA, "train").example(1, random).inputText()).endsWith("a4: never. ");
    }

    @Test
    void tvqaTestItemsHaveNoTarget() {
        TaskDataset test = layout.open(Task.TVQA, "test_public");
        Example e = test.example(0, random);
        assertThat(e.hasTarget()).isFalse();
        assertThat(e.reference()).isNull();
        assertThat(e.inputText()).isEqualTo("[Subs] Hey, Ted. Robin! [Q] Who? [TS] (0.00-2.00) [Choices] a0: A. a1: B. a2: C. a3: D. a4: E. tvqa: ");
    }

    @Test
    void how2qaHasFourChoices() {
        Example e = layout.open(Task.HOW2QA, "train_release").example(0, random);
        assertThat(e.id()).isEqualTo("how2qa_0");
        assertThat(e.inputText()).isEqualTo(
                "[Subs] first you chop the onion [Q] What is chopped first? [TS] (0.5-4.0) [Choices] a0: an onion."
                        + " a1: a carrot. a2: garlic. a3: a potato. how2qa: ");
        assertThat(e.targetText()).isEqualTo("a0");
        assertThat(e.reference()).isEqualTo(new Reference.Choice(0, "how2qa"));
    }

    @Test
    void tvcHasOneItemPerDescriptionAndUnlabelledTestClips() {
        TaskDataset tvc = layout.open(Task.TVC, "train_release");
        assertThat(tvc.size()).isEqualTo(2);
        Example e = tvc.example(1, random);
        assertThat(e.id()).isEqualTo("108306");
        assertThat(e.inputText()).isEqualTo("[Subs] Hey, Ted. Robin! [TS] ([16.82, 19.42]) tvc: ");
        assertThat(e.targetText()).isEqualTo("Ted talks to Robin.");
        assertThat(e.reference()).isEqualTo(new Reference.Captions(List.of("Ted talks to Robin.")));
        Example test = layout.open(Task.TVC, "test_release").example(0, random);
        assertThat(test.id()).isEqualTo("90001");
        assertThat(test.inputText()).isEqualTo("[Subs]  [TS] ([1e-05, 20.0]) tvc: ");
        assertThat(test.hasTarget()).isFalse();
    }

    @Test
    void yc2cHasNoTimeSpan() {
        Example e = layout.open(Task.YC2C, "train_release").example(0, random);
        assertThat(e.id()).isEqualTo("yc2c_0");
        assertThat(e.inputText()).isEqualTo("[Subs] add salt stir yc2c: ");
        assertThat(e.targetText()).isEqualTo("add salt and stir");
    }

    @Test
    void splitsOfTheReleasedScripts() {
        assertThat(DatasetLayout.trainSplit(Task.GQA)).isEqualTo("train,valid");
        assertThat(DatasetLayout.validationSplit(Task.GQA)).isEqualTo("testdev");
        assertThat(DatasetLayout.testSplit(Task.TVQA)).isEqualTo("test_public,test_release");
        assertThat(DatasetLayout.validationSplit(Task.YC2C)).isEqualTo("val_release");
        assertThat(DatasetLayout.testSplit(Task.NLVR2)).isEqualTo("test");
    }
}
