package org.vladapter;

import org.vladapter.backbone.ModelConfig;
import org.vladapter.generate.GenerationConfig;
import org.vladapter.tasks.Task;

/**
 * How each task is decoded at evaluation time, as the released VL-Adapter scripts do it (spec 1.5):
 * VQA and GQA greedy with max length 20; COCO captions beam 5, max length 40; video QA and video captions
 * beam 5, max length 20. A BART checkpoint's own generation settings (n-gram blocking, early stopping,
 * forced EOS) apply underneath, as HF {@code generate} inherits them. NLVR2 is not generated: it compares
 * the {@code true}/{@code false} logits (see {@link VlModel#predict}).
 */
public final class TaskDecoding {

    private TaskDecoding() {}

    /**
     * @param task the task
     * @param config the backbone configuration (its generation defaults)
     * @return the generation settings for the task
     */
    public static GenerationConfig forTask(Task task, ModelConfig config) {
        GenerationConfig.Builder b = GenerationConfig.fromModel(config);
        switch (task) {
            case VQA:
            case GQA:
            case NLVR2:
                return b.numBeams(1).maxLength(20).build();
            case COCO_CAPTION:
                return b.numBeams(5).maxLength(40).build();
            case TVQA:
            case HOW2QA:
            case TVC:
            case YC2C:
                return b.numBeams(5).maxLength(20).build();
            default:
                throw new IllegalArgumentException("no decoding rule for task " + task);
        }
    }
}
