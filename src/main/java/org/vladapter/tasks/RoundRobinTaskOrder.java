package org.vladapter.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The task of every step of an epoch, as VL-Adapter's {@code MultitaskLoader} ({@code sampling='roundrobin'})
 * chooses it: the list {@code [task] * batches(task)} for each task in loader order is shuffled with
 * {@code random.Random(epoch)} and then popped from the end, one task per step. Every batch of every task
 * is used exactly once per epoch. The original only rebuilds the list in distributed mode
 * ({@code set_epoch}); here it is rebuilt for every epoch, as a faithful re-implementation must.
 */
public final class RoundRobinTaskOrder {

    private RoundRobinTaskOrder() {}

    /**
     * @param batchesPerTask number of batches of each task, in the order the task loaders were given
     *     (an insertion-ordered map, e.g. {@code vqa, gqa, nlvr, caption})
     * @param epoch the 0-based epoch
     * @return the task key of each step, in step order
     */
    public static List<String> forEpoch(Map<String, Integer> batchesPerTask, int epoch) {
        List<String> tasks = new ArrayList<>();
        batchesPerTask.forEach((task, n) -> {
            for (int i = 0; i < n; i++) {
                tasks.add(task);
            }
        });
        new PythonRandom(epoch).shuffle(tasks);
        Collections.reverse(tasks); // list.pop() takes from the end
        return tasks;
    }
}
