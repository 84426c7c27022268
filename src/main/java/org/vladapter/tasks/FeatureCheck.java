package org.vladapter.tasks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Checks, before any training, that every visual feature file the splits of a run will read exists, so a
 * missing file fails the run at once with the list of missing ids instead of after several epochs. Only
 * existence is checked ({@link org.vladapter.vision.features.FeatureStore#contains}); a file with the wrong
 * shape still fails when it is read, naming the file.
 */
public final class FeatureCheck {

    /** How many missing ids a message lists before it only counts them. */
    static final int LISTED = 20;

    private FeatureCheck() {}

    /**
     * @param datasets the splits of a run
     * @throws IllegalArgumentException naming, per split, the missing feature ids (the first {@value #LISTED})
     *     and how many there are
     */
    public static void requireAll(List<TaskDataset> datasets) {
        List<String> problems = new ArrayList<>();
        for (TaskDataset d : datasets) {
            Set<String> seen = new java.util.HashSet<>();
            Set<String> missing = new LinkedHashSet<>();
            Random unused = new Random(0);
            for (int i = 0; i < d.size(); i++) {
                for (String id : d.example(i, unused).featureIds()) {
                    if (seen.add(id) && !d.featureStore().contains(id)) {
                        missing.add(id);
                    }
                }
            }
            if (!missing.isEmpty()) {
                List<String> shown = missing.stream().limit(LISTED).toList();
                problems.add(d.name() + ": " + missing.size() + " missing in " + d.featureStore().describe() + " ("
                        + String.join(", ", shown) + (missing.size() > LISTED ? ", ..." : "") + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("feature files missing before training: " + String.join("; ", problems));
        }
    }
}
