package org.vladapter.eval;

import org.vladapter.backbone.ModelConfig;
import org.vladapter.generate.GenerationConfig;
import org.vladapter.tasks.Task;

/**
 * The generation settings of each task at evaluation time, from its {@link org.vladapter.tasks.TaskSpec#decoding()},
 * as the original VL-Adapter code actually ran it (docs/behaviour.md#decoding): VQA and GQA
 * greedy with max length 20; COCO captions beam 5 with max length 20; video QA and video captions beam 5,
 * max length 20. A BART checkpoint's own generation settings (n-gram blocking, early stopping, forced EOS)
 * apply underneath, as HF {@code generate} inherits them. NLVR2 is not generated: it compares the
 * {@code true}/{@code false} logits (see {@code VlModel.predict}).
 *
 * <p><b>COCO caption length.</b> The original's caption evaluation ({@code caption_predict} in
 * {@code multitask.py}) passes {@code max_length = self.args.gen_max_length} to {@code generate}, where
 * {@code self.args} are the trainer's arguments. The released scripts never set {@code --gen_max_length}, so it
 * keeps the argument parser's default, 20. The line {@code caption_args.gen_max_length = 40} only changes the
 * copy of the arguments handed to the caption data loader, which uses it for nothing but target truncation. So
 * the paper's caption numbers come from beam 5 with max length 20 (decoder start token included; BART forces
 * EOS at position 19). {@link #COCO_CAPTION_MAX_LENGTH_AS_RUN} is that default;
 * {@link #COCO_CAPTION_MAX_LENGTH_AS_CONFIGURED} (40, what the caption arguments say) is available through
 * {@link #forTask(Task, ModelConfig, int)}.
 *
 * <p><b>Generation semantics.</b> Every task decodes with {@link org.vladapter.generate.GenerationSemantics#TRANSFORMERS_4_2_1}, the
 * {@code generate} of the transformers release the original pinned. For VQA and GQA (greedy) this matters for
 * BART: 4.2.1 applies BART's forced EOS at {@code max_length - 1} in beam search only, never in greedy search (its
 * {@code greedy_search} does not call {@code adjust_logits_during_generation}), so a greedy answer that runs to
 * length 20 ends without EOS instead of with a forced one. For captions and video tasks (beam 5) the 4.2.1
 * scorer's stopping test and finalisation apply.
 */
public final class TaskDecoding {

    /** Max length of COCO caption decoding in the original's runs (the trainer's {@code gen_max_length} default). */
    public static final int COCO_CAPTION_MAX_LENGTH_AS_RUN = 20;

    /** Max length the original's caption arguments name ({@code caption_args.gen_max_length = 40}); not what ran. */
    public static final int COCO_CAPTION_MAX_LENGTH_AS_CONFIGURED = 40;

    private TaskDecoding() {}

    /**
     * The settings the original ran with (COCO captions at {@link #COCO_CAPTION_MAX_LENGTH_AS_RUN}).
     *
     * @param task the task
     * @param config the backbone configuration (its generation defaults)
     * @return the generation settings for the task
     */
    public static GenerationConfig forTask(Task task, ModelConfig config) {
        return forTask(task, config, COCO_CAPTION_MAX_LENGTH_AS_RUN);
    }

    /**
     * @param task the task
     * @param config the backbone configuration (its generation defaults)
     * @param cocoCaptionMaxLength max length of COCO caption decoding, decoder start token included
     *     ({@link #COCO_CAPTION_MAX_LENGTH_AS_RUN} or {@link #COCO_CAPTION_MAX_LENGTH_AS_CONFIGURED}); tasks
     *     whose decoding has no configured alternative ({@link org.vladapter.tasks.Decoding#configuredMaxLength()})
     *     ignore it
     * @return the generation settings for the task
     */
    public static GenerationConfig forTask(Task task, ModelConfig config, int cocoCaptionMaxLength) {
        return task.spec().decoding().withAdjustableMaxLength(cocoCaptionMaxLength).generationConfig(config);
    }
}
