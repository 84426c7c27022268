package org.vladapter.peft;

import org.vladapter.nn.ForwardContext;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The task-to-module map of a per-task PEFT module, without the modules: which route key serves which
 * task, and the errors for tasks it does not know.
 *
 * <p>Route keys are the parameter-name segments: with {@link Sharing#MULTIPLE} every task is its own key;
 * with {@link Sharing#SINGLE} the one shared module is registered under the <em>first</em> task's key. The
 * original PyTorch model registers a shared module under every task key, and its deduplicated
 * {@code named_parameters()} lists it under the first one; using that key keeps our names equal to the
 * original's deduplicated names (docs/behaviour.md#quirks-kept). Single routing also accepts a context without a task.
 */
public final class TaskRoutes {

    private final List<String> tasks;
    private final Sharing sharing;

    /**
     * @param tasks the task keys, in order (e.g. {@code [vqa, gqa, nlvr, caption]})
     * @param sharing single or multiple
     * @throws IllegalArgumentException for an empty list, blank or duplicate keys, or keys with a dot
     */
    public TaskRoutes(List<String> tasks, Sharing sharing) {
        if (sharing == null) {
            throw new IllegalArgumentException("sharing must be SINGLE or MULTIPLE, not null");
        }
        if (tasks == null || tasks.isEmpty()) {
            throw new IllegalArgumentException("per-task PEFT modules need at least one task key, got " + tasks);
        }
        Set<String> seen = new HashSet<>();
        for (String t : tasks) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("task keys must not be blank: " + tasks);
            }
            if (t.contains(".")) {
                throw new IllegalArgumentException(
                        "task key '" + t + "' contains a dot, which would break dotted parameter names");
            }
            if (!seen.add(t)) {
                throw new IllegalArgumentException("duplicate task key '" + t + "' in " + tasks);
            }
        }
        this.tasks = List.copyOf(tasks);
        this.sharing = sharing;
    }

    /** @return the tasks this router accepts, in order */
    public List<String> tasks() {
        return tasks;
    }

    /** @return single or multiple */
    public Sharing sharing() {
        return sharing;
    }

    /** @return the keys modules are registered under: all tasks (multiple) or the first task (single) */
    public List<String> keys() {
        return sharing == Sharing.SINGLE ? List.of(tasks.get(0)) : tasks;
    }

    /**
     * @param task a task key, or {@code null}
     * @return the route key serving it
     * @throws IllegalArgumentException naming the task and the known ones when it is unknown (or null with
     *     per-task modules)
     */
    public String key(String task) {
        if (task == null) {
            if (sharing == Sharing.SINGLE) {
                return tasks.get(0);
            }
            throw new IllegalArgumentException(
                    "no task in the forward context; per-task PEFT modules need one of " + tasks);
        }
        if (!tasks.contains(task)) {
            throw new IllegalArgumentException("unknown task '" + task + "'; this model's PEFT modules know " + tasks);
        }
        return sharing == Sharing.SINGLE ? tasks.get(0) : task;
    }

    /**
     * @param ctx a forward context
     * @return the route key for its task
     */
    public String key(ForwardContext ctx) {
        return key(ctx == null ? null : ctx.task());
    }
}
