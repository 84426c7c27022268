package org.vladapter.tasks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link TaskDataset#withShuffledImages}: same examples, every image id reads another id's features. */
class ShuffledImagesTest {

    @TempDir
    Path dir;

    @Test
    void everyImageIsReplacedByAnotherOfTheSplitAndTheTextStays() {
        try (DatasetLayout layout = DatasetLayout.builder().root(ReleaseFixture.create(dir).root()).build()) {
            TaskDataset real = layout.open(Task.NLVR2, "train");
            TaskDataset shuffled = real.withShuffledImages(1);
            assertThat(shuffled.size()).isEqualTo(real.size());
            assertThat(shuffled.task()).isEqualTo(Task.NLVR2);
            assertThat(shuffled.name()).contains("images shuffled");
            Example a = real.example(0, new Random(0));
            Example b = shuffled.example(0, new Random(0));
            assertThat(b.inputText()).isEqualTo(a.inputText());
            assertThat(b.featureIds()).isEqualTo(a.featureIds());
            // the split has two images (the pair's left and right): the only cycle swaps them
            String left = a.featureIds().get(0);
            String right = a.featureIds().get(1);
            assertThat(shuffled.featureStore().features(left)).isDeepEqualTo(real.featureStore().features(right));
            assertThat(shuffled.featureStore().features(right)).isDeepEqualTo(real.featureStore().features(left));
            assertThat(java.util.Arrays.deepEquals(shuffled.featureStore().features(left), real.featureStore().features(left))).isFalse();
            assertThat(shuffled.featureStore().describe()).contains("shuffled");
        }
    }

    @Test
    void aSplitWithOneImageCannotBeShuffled() {
        try (DatasetLayout layout = DatasetLayout.builder().root(ReleaseFixture.create(dir).root()).build()) {
            TaskDataset gqa = layout.open(Task.GQA, "testdev");
            assertThatThrownBy(() -> gqa.withShuffledImages(1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(gqa.name()).hasMessageContaining("at least 2");
        }
    }
}
