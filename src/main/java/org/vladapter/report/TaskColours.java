package org.vladapter.report;

import org.vladapter.tasks.Task;

import java.awt.Color;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one palette of the reports: each task has the same colour in every chart that draws tasks (loss per
 * task, validation per epoch, grouped bars whose series are tasks). Each task's colour is in its
 * {@link org.vladapter.tasks.TaskSpec#colour()}: Tableau 10, one per task, so image and video tasks never share one.
 */
public final class TaskColours {

    private static final Map<Task, Color> PALETTE = new EnumMap<>(Task.class);

    static {
        for (Task t : Task.values()) {
            PALETTE.put(t, new Color(t.spec().colour()));
        }
    }

    private TaskColours() {}

    /**
     * @param task a task
     * @return its colour
     */
    public static Color of(Task task) {
        return PALETTE.get(task);
    }

    /**
     * @param seriesName a chart series' name: a task key or name ({@code vqa}, {@code COCO_CAPTION})
     * @return the task's colour, or empty when the name is not a task
     */
    public static Optional<Color> forSeries(String seriesName) {
        try {
            return Optional.of(of(Task.of(seriesName)));
        } catch (IllegalArgumentException notATask) {
            return Optional.empty();
        }
    }
}
