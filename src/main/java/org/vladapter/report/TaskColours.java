package org.vladapter.report;

import org.vladapter.tasks.Task;

import java.awt.Color;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one palette of the reports: each task has the same colour in every chart that draws tasks (loss per
 * task, validation per epoch, grouped bars whose series are tasks). Colours are Tableau 10, one per task, so
 * image and video tasks never share one.
 */
public final class TaskColours {

    private static final Map<Task, Color> PALETTE = new EnumMap<>(Map.of(
            Task.VQA, new Color(0x4E79A7),
            Task.GQA, new Color(0xF28E2B),
            Task.NLVR2, new Color(0xE15759),
            Task.COCO_CAPTION, new Color(0x76B7B2),
            Task.TVQA, new Color(0x59A14F),
            Task.HOW2QA, new Color(0xEDC948),
            Task.TVC, new Color(0xB07AA1),
            Task.YC2C, new Color(0x9C755F)));

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
