package org.vladapter.metrics;

import java.util.List;

/** Shape checks shared by the caption scorers. */
final class CaptionCorpus {

    private CaptionCorpus() {}

    /**
     * @param candidates one candidate per image
     * @param references references per image
     * @throws IllegalArgumentException when the corpus is empty, sizes differ or an image has no reference
     */
    static void checkShapes(List<String> candidates, List<List<String>> references) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no captions to evaluate");
        }
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException("caption corpus has " + candidates.size() + " candidates but "
                    + references.size() + " reference lists");
        }
        for (int i = 0; i < references.size(); i++) {
            if (references.get(i) == null || references.get(i).isEmpty()) {
                throw new IllegalArgumentException("image #" + i + " has no reference caption");
            }
            if (candidates.get(i) == null) {
                throw new IllegalArgumentException("image #" + i + " has no candidate caption (null)");
            }
        }
    }
}
