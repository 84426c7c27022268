/**
 * Evaluation metrics of VL-Adapter, computed exactly as the official toolkits compute them, and the prediction files in
 * the official submission formats.
 *
 * <ul>
 *   <li>{@link org.vladapter.metrics.VqaAccuracy}: VQA accuracy as VL-T5's {@code VQAEvaluator.evaluate_raw} (the
 *       default, what the paper reports) or as the VQA API's {@code vqaEval.py}; answer normalisation in
 *       {@link org.vladapter.metrics.VqaAnswerNormalizer}.</li>
 *   <li>{@link org.vladapter.metrics.ExactMatchAccuracy} (GQA), {@link org.vladapter.metrics.Nlvr2Metrics} (accuracy and
 *       consistency), {@link org.vladapter.metrics.VideoQaAccuracy} (TVQA / How2QA).</li>
 *   <li>{@link org.vladapter.metrics.CaptionEvaluator}: the COCO caption toolkit (pycocoevalcap as bundled by
 *       {@code language_evaluation.CocoEvaluator}): PTB tokenisation ({@link org.vladapter.metrics.PtbCaptionTokenizer}),
 *       {@link org.vladapter.metrics.Bleu}, {@link org.vladapter.metrics.RougeL}, {@link org.vladapter.metrics.CiderD}.
 *       METEOR and SPICE are not computed; they are reported as unavailable, never approximated.</li>
 *   <li>{@link org.vladapter.metrics.SubmissionWriter}: VQA, GQA, NLVR2, TVQA/How2QA and VALUE caption submission files,
 *       written atomically.</li>
 * </ul>
 *
 * <p>Where the reference implementations are Python, the arithmetic follows their order of operations (Python's
 * {@code str.split}, {@code round}, numpy's pairwise summation in {@code np.mean}) so results agree to the last few
 * bits; see {@link org.vladapter.text.PythonText} and {@link org.vladapter.metrics.NumpyMath}.
 */
package org.vladapter.metrics;

