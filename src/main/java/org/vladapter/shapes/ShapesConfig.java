package org.vladapter.shapes;

/**
 * How much ShapesWorld to generate: the seed and a scale factor on the default split sizes. Everything
 * generated derives from these two values (and the generator version, {@link ShapesWorld#GENERATOR_VERSION}).
 *
 * <p>At scale 1: COCO-like 1000 / 150 / 150 images (train / val / test, 5 captions each) with up to 10 VQA-like
 * questions per image; GQA-like 800 / 100 (VG train / valid) and 150 testdev images with 3 questions each;
 * NLVR2-like 200 / 30 / 30 statements (train / dev / test), each judged on 3 image pairs; 240 / 160 / 160 clips of
 * 12 frames for the tv (TVQA, TVC) / how2 (How2QA) / yc2 (YC2C) sources, split 75 / 12.5 / 12.5 %.
 *
 * @param seed the world seed
 * @param scale multiplies every split size (at least 2 items per split)
 */
public record ShapesConfig(long seed, double scale) {

    /** The default seed. */
    public static final long DEFAULT_SEED = 2022;

    /** @return seed {@value #DEFAULT_SEED}, scale 1 */
    public static ShapesConfig defaults() {
        return new ShapesConfig(DEFAULT_SEED, 1.0);
    }

    /**
     * @param base the size at scale 1
     * @return the scaled size (at least 2)
     */
    public int size(int base) {
        return Math.max(2, (int) Math.round(base * scale));
    }

    int cocoTrain() {
        return size(1000);
    }

    int cocoVal() {
        return size(150);
    }

    int cocoTest() {
        return size(150);
    }

    int gqaTrain() {
        return size(800);
    }

    int gqaValid() {
        return size(100);
    }

    int gqaTestdev() {
        return size(150);
    }

    int nlvrTrain() {
        return size(200);
    }

    int nlvrEval() {
        return size(30);
    }

    int videos(String source) {
        return size(source.equals("tv") ? 240 : 160);
    }

    /** @return a stable one-line description, written into the stamp */
    public String describe() {
        return "seed=" + seed + " scale=" + scale;
    }
}
