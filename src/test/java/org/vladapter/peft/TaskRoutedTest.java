package org.vladapter.peft;

import org.vladapter.backbone.ModelType;

import org.junit.jupiter.api.Test;
import org.vladapter.nn.ForwardContext;
import org.vladapter.peft.adapter.Adapter;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskRoutedTest {

    private static final List<String> TASKS = List.of("vqa", "gqa", "nlvr", "caption");

    @Test
    void singleRoutesEveryTaskThroughOneModuleRegisteredOnce() {
        TaskRouted<Adapter> r = TaskRouted.single(TASKS, k -> Adapter.create(16, 4, ModelType.BART));
        Adapter first = r.route("vqa");
        for (String t : TASKS) {
            assertThat(r.route(t)).isSameAs(first);
            assertThat(r.route(ForwardContext.train(t))).isSameAs(first);
        }
        assertThat(r.route((String) null)).isSameAs(first);
        assertThat(r.namedParameters().keySet()).containsExactly(
                "vqa.down_sampler.weight", "vqa.down_sampler.bias", "vqa.up_sampler.weight", "vqa.up_sampler.bias");
        assertThat(r.getChildren().size()).isEqualTo(1);
    }

    @Test
    void multipleRoutesEachTaskToItsOwnModule() {
        TaskRouted<Adapter> r = TaskRouted.multiple(TASKS, k -> Adapter.create(16, 4, ModelType.BART));
        assertThat(TASKS.stream().map(r::route).distinct().count()).isEqualTo(4);
        assertThat(r.route("gqa")).isSameAs(r.modules().get("gqa"));
        assertThat(r.namedParameters()).hasSize(16).containsKey("caption.up_sampler.bias");
    }

    @Test
    void unknownOrMissingTaskIsAClearError() {
        TaskRouted<Adapter> multi = TaskRouted.multiple(TASKS, k -> Adapter.create(16, 4, ModelType.BART));
        assertThatThrownBy(() -> multi.route("tvqa"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tvqa'").hasMessageContaining("[vqa, gqa, nlvr, caption]");
        assertThatThrownBy(() -> multi.route(ForwardContext.EVAL)).hasMessageContaining("no task");
        TaskRouted<Adapter> single = TaskRouted.single(TASKS, k -> Adapter.create(16, 4, ModelType.BART));
        assertThatThrownBy(() -> single.route("tvqa")).hasMessageContaining("'tvqa'");
    }

    @Test
    void badTaskListsAreRejected() {
        assertThatThrownBy(() -> new TaskRoutes(List.of(), Sharing.SINGLE)).hasMessageContaining("at least one task");
        assertThatThrownBy(() -> new TaskRoutes(List.of("vqa", "vqa"), Sharing.MULTIPLE)).hasMessageContaining("duplicate task key 'vqa'");
        assertThatThrownBy(() -> new TaskRoutes(List.of("a.b"), Sharing.MULTIPLE)).hasMessageContaining("dot");
        assertThatThrownBy(() -> new TaskRoutes(List.of(" "), Sharing.MULTIPLE)).hasMessageContaining("blank");
    }
}
