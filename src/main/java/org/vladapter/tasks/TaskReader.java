package org.vladapter.tasks;

import java.util.List;

/** Opens one split of a task from the release layout, with the task's own reader. */
@FunctionalInterface
public interface TaskReader {

    /**
     * @param layout the release layout (annotation files, feature stores, subtitles)
     * @param task the task
     * @param split the split as given ({@code train,valid})
     * @param parts its comma-separated parts, trimmed, at least one
     * @return the dataset
     * @throws AnnotationException when a file is missing or malformed, or the split is empty
     */
    TaskDataset open(DatasetLayout layout, Task task, String split, List<String> parts);
}
