package org.vladapter.tasks;

import org.vladapter.vision.features.FeatureStoreException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Checks, before any training, that every visual feature file the splits of a run will read exists, so a
 * missing file fails the run at once with the list of missing ids instead of after several epochs. Each
 * existing file's shape is checked too, from its header only
 * ({@link org.vladapter.vision.features.FeatureStore#checkShape}), so a file of the wrong feature type or a
 * damaged header is listed with its id, file, shape found and shape expected; the data is not read.
 */
public final class FeatureCheck {

    /** How many missing ids a message lists before it only counts them. */
    static final int LISTED = 20;

    private FeatureCheck() {}

    /**
     * @param datasets the splits of a run
     * @throws IllegalArgumentException naming, per split, the missing feature ids and the files of a wrong shape
     *     (the first {@value #LISTED} of each) and how many there are
     */
    public static void requireAll(List<TaskDataset> datasets) {
        List<String> problems = new ArrayList<>();
        for (TaskDataset d : datasets) {
            Set<String> seen = new java.util.HashSet<>();
            Set<String> missing = new LinkedHashSet<>();
            List<String> misshapen = new ArrayList<>();
            Random unused = new Random(0);
            for (int i = 0; i < d.size(); i++) {
                for (String id : d.example(i, unused).featureIds()) {
                    if (seen.add(id)) {
                        if (!d.featureStore().contains(id)) {
                            missing.add(id);
                        } else {
                            try {
                                d.featureStore().checkShape(id);
                            } catch (FeatureStoreException e) {
                                misshapen.add(e.getMessage());
                            }
                        }
                    }
                }
            }
            if (!missing.isEmpty()) {
                List<String> shown = missing.stream().limit(LISTED).toList();
                problems.add(d.name() + ": " + missing.size() + " missing in " + d.featureStore().describe() + " ("
                        + String.join(", ", shown) + (missing.size() > LISTED ? ", ..." : "") + ")");
            }
            if (!misshapen.isEmpty()) {
                problems.add(d.name() + ": " + misshapen.size() + " with a wrong shape ("
                        + String.join("; ", misshapen.stream().limit(LISTED).toList())
                        + (misshapen.size() > LISTED ? "; ..." : "") + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("feature files missing or misshapen before training: " + String.join("; ", problems));
        }
    }
}
