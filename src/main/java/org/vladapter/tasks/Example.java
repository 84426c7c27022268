package org.vladapter.tasks;

import java.util.List;

/**
 * One item of a task as the model sees it, before tokenisation.
 *
 * @param task the task
 * @param id the item id: VQA/GQA {@code question_id}, NLVR2 {@code uid}, COCO {@code img_id} (training items:
 *     {@code img_id#k} for the k-th sentence), TVQA/How2QA {@code qid}, TVC/YC2C {@code desc_id} (test: {@code clip_id})
 * @param inputText the encoder text exactly as the original builds it (task prompt included when enabled)
 * @param targetText the decoder target; {@code null} for unlabelled (test) items
 * @param lossWeight the per-example loss weight: the VQA score of the sampled answer (0 when all scores are
 *     0), 1 otherwise
 * @param featureIds the visual feature ids: one image, two images (NLVR2 {@code img0}, {@code img1}) or one video
 * @param reference what evaluation compares against; {@code null} for unlabelled items
 */
public record Example(
        Task task,
        String id,
        String inputText,
        String targetText,
        float lossWeight,
        List<String> featureIds,
        Reference reference) {

    /** Copies the feature id list. */
    public Example {
        featureIds = List.copyOf(featureIds);
    }

    /** @return whether the example has a target (training and validation items do, test items may not) */
    public boolean hasTarget() {
        return targetText != null;
    }
}
