package org.vladapter.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Caption metrics of one corpus, as fractions (as pycocoevalcap prints them; the paper reports CIDEr × 100).
 *
 * @param bleu corpus BLEU-1..4
 * @param rougeL mean ROUGE-L
 * @param ciderD mean CIDEr-D (the toolkit's "CIDEr")
 * @param images number of evaluated images
 * @param perImage per-image scores, keyed as {@link #asMap()}
 */
public record CaptionScores(double[] bleu, double rougeL, double ciderD, int images, Map<String, double[]> perImage) {

    /** Metrics of the COCO toolkit that this library does not compute (they need METEOR's and SPICE's Java tools). */
    public static final List<String> UNAVAILABLE = List.of("METEOR", "SPICE");

    /** Why {@link #UNAVAILABLE} metrics are absent. */
    public static final String UNAVAILABLE_NOTE = "METEOR and SPICE are not computed: they need the METEOR 1.5 and "
            + "SPICE 1.0 jars with their paraphrase / CoreNLP models, which are not part of this library; they are "
            + "left out rather than approximated.";

    /**
     * @param bleu BLEU-1..4
     * @param rougeL ROUGE-L
     * @param ciderD CIDEr-D
     * @param images number of images
     * @param perImage per-image scores
     */
    public CaptionScores {
        bleu = bleu.clone();
        perImage = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perImage));
    }

    /**
     * @return {@code BLEU-1 .. BLEU-4, ROUGE-L, CIDEr-D} in that order
     */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < bleu.length; k++) {
            m.put("BLEU-" + (k + 1), bleu[k]);
        }
        m.put("ROUGE-L", rougeL);
        m.put("CIDEr-D", ciderD);
        return m;
    }

    @Override
    public double[] bleu() {
        return bleu.clone();
    }
}
