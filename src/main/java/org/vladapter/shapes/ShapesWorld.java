package org.vladapter.shapes;

import org.vladapter.tasks.DatasetLayout;
import org.vladapter.tasks.ReaderOptions;
import org.vladapter.train.ProgressBar;
import org.vladapter.vision.features.FeatureShape;
import org.vladapter.vision.features.Hdf5DirectoryStore;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ShapesWorld, the embedded vision-and-language benchmark: the entry point for code and notebooks.
 *
 * <pre>{@code
 * ShapesWorld world = ShapesWorld.open();                 // generates datasets/shapesworld on first use
 * try (DatasetLayout layout = world.layout()) {           // the eight tasks, read by the ordinary readers
 *     TaskDataset vqa = layout.open(Task.VQA, DatasetLayout.trainSplit(Task.VQA));
 * }
 * Backbone bart = Backbone.fromFolder(ShapesWorld.bartFolder());   // small pretrained VL-BART text backbone
 * Backbone t5 = Backbone.fromFolder(ShapesWorld.t5Folder());
 * VlAdapter.builder().backbone(bart).featureDim(ShapesWorld.FEATURE_DIM) ...
 * BufferedImage image = world.image("COCO_train2014_000000000001");
 * }</pre>
 *
 * <p>The same release layout serves the image tasks ("shapes-image": VQA, GQA, NLVR2, COCO captions) and the
 * video tasks ("shapes-video": TVQA, How2QA, TVC, YC2C); {@link #layout()} reads both. Features are
 * {@value #FEATURE_TYPE} grids of (49, {@value #FEATURE_DIM}) per image and (12, {@value #FEATURE_DIM}) per
 * clip. The three shipped checkpoints live in {@code datasets/shapes-clip}, {@code datasets/shapes-bart} and
 * {@code datasets/shapes-t5}; the generated data in {@code datasets/shapesworld} (git-ignored).
 *
 * <p>The {@code datasets} folder is found from the system property {@code vladapter.datasets}, the environment
 * variable {@code VLADAPTER_DATASETS}, the working directory and its parents, or the folder of the jar.
 */
public final class ShapesWorld {

    /** Version of the generator; a folder stamped with another version is regenerated. */
    public static final int GENERATOR_VERSION = 4;
    /** The feature type of the folder names ({@code clip_features/data_clip_ShapesCLIP_att}). */
    public static final String FEATURE_TYPE = "ShapesCLIP";
    /** D of the shipped mini-CLIP's features. */
    public static final int FEATURE_DIM = 128;
    /** The stamp file written last into a complete generation. */
    public static final String STAMP = "shapesworld.json";

    private final Path root;
    private final ShapesData data;
    private final Map<String, Scene> scenes = new LinkedHashMap<>();
    private final Map<String, Video> videos = new LinkedHashMap<>();

    private ShapesWorld(Path root, ShapesData data) {
        this.root = root;
        this.data = data;
        for (ShapesData.Image im : data.coco) {
            scenes.put(im.scene().id(), im.scene());
        }
        for (ShapesData.Image im : data.gqaImages) {
            scenes.put(im.scene().id(), im.scene());
        }
        for (List<NlvrStatement> list : data.nlvr.values()) {
            for (NlvrStatement s : list) {
                scenes.put(s.left().id(), s.left());
                scenes.put(s.right().id(), s.right());
            }
        }
        for (ShapesData.Clip c : data.clips) {
            videos.put(c.video().id(), c.video());
        }
    }

    /**
     * Opens the default world ({@link ShapesConfig#defaults()}) in {@code datasets/shapesworld}, generating it
     * (with a progress bar on standard error) when it is missing or stale.
     *
     * @return the world
     */
    public static ShapesWorld open() {
        return open(datasetsFolder().resolve("shapesworld"), ShapesConfig.defaults(), clipFolder(),
                ProgressBar.Style.AUTO, System.err);
    }

    /**
     * Opens a world in a folder, generating it when its stamp does not match.
     *
     * @param folder where the release layout goes
     * @param config seed and scale
     * @param clipFolder the mini-CLIP checkpoint that computes the features
     * @param progress how generation progress is shown
     * @param out where progress goes
     * @return the world
     */
    public static ShapesWorld open(Path folder, ShapesConfig config, Path clipFolder, ProgressBar.Style progress, PrintStream out) {
        if (!Generator.upToDate(folder, config, clipFolder)) {
            Generator.generate(folder, config, clipFolder, progress, out);
        }
        return new ShapesWorld(folder, ShapesData.generate(config));
    }

    /**
     * @param folder a folder to check
     * @param config seed and scale
     * @param clipFolder the mini-CLIP checkpoint
     * @return whether it holds a complete generation for exactly these
     */
    public static boolean isGenerated(Path folder, ShapesConfig config, Path clipFolder) {
        return Generator.upToDate(folder, config, clipFolder);
    }

    /** @return the release-layout folder ({@code DatasetLayout} root) */
    public Path root() {
        return root;
    }

    /** @return the annotations in memory */
    public ShapesData data() {
        return data;
    }

    /** @return a layout over the folder with the ShapesCLIP feature type and dims, default reader options */
    public DatasetLayout layout() {
        return layout(ReaderOptions.defaults());
    }

    /**
     * @param options reader options (task prompts)
     * @return a layout over the folder
     */
    public DatasetLayout layout(ReaderOptions options) {
        return layout(root, options);
    }

    /**
     * @param root a ShapesWorld release folder
     * @param options reader options
     * @return a {@link DatasetLayout} with the ShapesCLIP feature type and dims
     */
    public static DatasetLayout layout(Path root, ReaderOptions options) {
        return DatasetLayout.builder().root(root).featureType(FEATURE_TYPE).featureDims(FEATURE_DIM, FEATURE_DIM)
                .readerOptions(options).build();
    }

    /** @return every image id */
    public List<String> sceneIds() {
        return new ArrayList<>(scenes.keySet());
    }

    /**
     * @param id an image id ({@code COCO_...}, a VG number, {@code n...}, {@code train-3-0-img0})
     * @return the scene
     */
    public Scene scene(String id) {
        Scene s = scenes.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no ShapesWorld image '" + id + "' (" + scenes.size() + " images)");
        }
        return s;
    }

    /**
     * @param id an image id
     * @return its rendering
     */
    public BufferedImage image(String id) {
        return SceneRenderer.render(scene(id));
    }

    /**
     * @param id a COCO-like image id
     * @return its five reference captions (empty for other images)
     */
    public List<String> captions(String id) {
        return data.captions.getOrDefault(id, List.of());
    }

    /**
     * @param id an image id
     * @return its VQA-like questions
     */
    public List<VqaQuestion> vqaQuestions(String id) {
        List<VqaQuestion> out = new ArrayList<>();
        data.vqa.values().forEach(l -> l.stream().filter(q -> q.imageId().equals(id)).forEach(out::add));
        return out;
    }

    /**
     * @param id an image id
     * @return its GQA-like questions
     */
    public List<GqaQuestion> gqaQuestions(String id) {
        List<GqaQuestion> out = new ArrayList<>();
        data.gqa.values().forEach(l -> l.stream().filter(q -> q.imageId().equals(id)).forEach(out::add));
        return out;
    }

    /**
     * @param id an image id
     * @return its (49, D) features as written in its {@code .h5} file
     */
    public float[][] features(String id) {
        Scene s = scene(id);
        String folder = id.startsWith("COCO_") ? "COCO" : id.startsWith("n") ? "GQA" : Character.isDigit(id.charAt(0)) ? "VG" : "nlvr";
        Path dir = root.resolve(folder).resolve("clip_features").resolve("data_clip_" + FEATURE_TYPE + "_att");
        try (Hdf5DirectoryStore store = new Hdf5DirectoryStore(dir, new FeatureShape(49, FEATURE_DIM))) {
            return store.features(s.id());
        }
    }

    /**
     * @param id a vid_name
     * @return the clip
     */
    public Video video(String id) {
        Video v = videos.get(id);
        if (v == null) {
            throw new IllegalArgumentException("no ShapesWorld clip '" + id + "' (" + videos.size() + " clips)");
        }
        return v;
    }

    /** @return the {@code datasets} folder that holds the shipped checkpoints */
    public static Path datasetsFolder() {
        String configured = System.getProperty("vladapter.datasets", System.getenv("VLADAPTER_DATASETS"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("datasets/shapes-clip/config.json"))) {
                return p.resolve("datasets");
            }
        }
        try {
            Path jar = Path.of(ShapesWorld.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("datasets/shapes-clip/config.json"))) {
                    return p.resolve("datasets");
                }
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through
        }
        return Path.of("datasets");
    }

    /** @return the frozen mini-CLIP checkpoint folder ({@code datasets/shapes-clip}) */
    public static Path clipFolder() {
        return datasetsFolder().resolve("shapes-clip");
    }

    /** @return the small pretrained BART folder in HF layout ({@code datasets/shapes-bart}) */
    public static Path bartFolder() {
        return datasetsFolder().resolve("shapes-bart");
    }

    /** @return the small pretrained T5 folder in HF layout ({@code datasets/shapes-t5}) */
    public static Path t5Folder() {
        return datasetsFolder().resolve("shapes-t5");
    }
}
