package org.vladapter.tasks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link TaskDataset#firstItems}: a view of a split's first items, the same examples at the same indices. */
class FirstItemsTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheFirstItemsWithTheirExamplesAndRefusesTheRest() {
        try (DatasetLayout layout = DatasetLayout.builder().root(ReleaseFixture.create(dir).root()).build()) {
            TaskDataset all = layout.open(Task.COCO_CAPTION, "karpathy_train");
            assertThat(all.size()).isGreaterThan(1);
            TaskDataset first = all.firstItems(1);
            assertThat(first.size()).isEqualTo(1);
            assertThat(first.task()).isEqualTo(Task.COCO_CAPTION);
            assertThat(first.name()).isEqualTo(all.name() + " (first 1)");
            assertThat(first.featureStore()).isSameAs(all.featureStore());
            assertThat(first.example(0, new Random(0)).id()).isEqualTo(all.example(0, new Random(0)).id());
            assertThatThrownBy(() -> first.example(1, new Random(0))).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("(first 1)");
            assertThat(all.firstItems(0)).isSameAs(all);
            assertThat(all.firstItems(all.size())).isSameAs(all);
            assertThatThrownBy(() -> all.firstItems(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(all.name());
        }
    }
}
