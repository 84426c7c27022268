package org.vladapter.tasks;

import org.vladapter.vision.features.CachingFeatureStore;
import org.vladapter.vision.features.FeatureShape;
import org.vladapter.vision.features.FeatureStore;
import org.vladapter.vision.features.Hdf5DirectoryStore;
import org.vladapter.vision.features.NpzDirectoryStore;
import org.vladapter.vision.features.ParquetFeatureStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The folder layout of the VL-Adapter data release (docs/behaviour.md#layout), rooted at its {@code datasets/}
 * folder, and the readers for a task and split:
 *
 * <pre>
 * COCO/dataset_coco.json                          COCO/clip_features/data_clip_RN101_att/&lt;img_id&gt;.h5
 * vqa/{karpathy_train,karpathy_val,karpathy_test}.json          (features: COCO)
 * GQA/{train,valid,testdev,submit}.json           VG/clip_features/... (train, valid), GQA/clip_features/... (testdev, submit)
 * nlvr/{train,valid,test}.json                    nlvr/clip_features/data_clip_RN101_att/&lt;img_id&gt;.h5
 * video/ann/{tv,how2,yc2}_subtitles.jsonl         video/vis_features/{tv,how2,yc2}/clip-vit/&lt;vid_name&gt;.npz
 * video/ann/{tvqa,how2qa,tvc,yc2c}/&lt;task&gt;_&lt;split&gt;.jsonl
 * </pre>
 *
 * The same data as published on the HuggingFace Hub ({@code ylsung/VL-Adapter-datasets}, fetched with
 * {@code vladapter download datasets/ylsung/VL-Adapter-datasets}) is read in place: when the root holds
 * {@code features/} and {@code annotations/}, annotation files are read from {@code annotations/<path
 * above>} and image features from the Parquet shards {@code features/<COCO|VG|GQA|nlvr>/data_clip_RN101_att/
 * part-NNNNN.parquet} ({@link ParquetFeatureStore}, whose id index is cached under {@code indexDirectory}).
 * The video data are not part of that release; in that layout they are looked for under {@code annotations/video/}.
 *
 * <p>A split may name several files separated by commas ({@code train,valid}). Feature stores are shared by
 * the datasets opened from one layout (VQA and COCO captions read the same COCO folder) and, with {@code
 * cacheSize}, wrapped in an LRU cache. Close the layout to release them.
 */
public final class DatasetLayout implements AutoCloseable {

    private static final Map<String, Integer> FEATURE_DIMS = Map.of("RN50", 2048, "RN101", 2048, "RN50x4", 2560, "ViT", 768);

    private final Path root;
    private final Path annotationRoot;
    private final boolean hubRelease;
    private final Path indexDirectory;
    private final String featureType;
    private final int imageDim;
    private final int videoDim;
    private final int cacheSize;
    private final ReaderOptions readerOptions;
    private final Map<Path, FeatureStore> stores = new LinkedHashMap<>();
    private final Map<Path, Subtitles> subtitles = new LinkedHashMap<>();

    private DatasetLayout(Builder builder) {
        if (builder.root == null) {
            throw new IllegalArgumentException("DatasetLayout needs the datasets folder (root)");
        }
        if (!FEATURE_DIMS.containsKey(builder.featureType) && builder.imageDim == 0) {
            throw new IllegalArgumentException("unknown feature type '" + builder.featureType + "'; known: " + FEATURE_DIMS.keySet()
                    + " (other types need featureDims)");
        }
        this.root = builder.root;
        this.hubRelease = isHubRelease(builder.root);
        this.annotationRoot = hubRelease ? builder.root.resolve("annotations") : builder.root;
        this.indexDirectory = builder.indexDirectory != null ? builder.indexDirectory : defaultIndexDirectory();
        this.featureType = builder.featureType;
        this.imageDim = builder.imageDim;
        this.videoDim = builder.videoDim;
        this.cacheSize = builder.cacheSize;
        this.readerOptions = builder.readerOptions;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the {@code datasets/} folder */
    public Path root() {
        return root;
    }

    /**
     * @param featureType a CLIP feature type name
     * @return whether the release publishes features of this type (RN50, RN101, RN50x4, ViT), whose sizes are known
     */
    public static boolean isReleaseFeatureType(String featureType) {
        return FEATURE_DIMS.containsKey(featureType);
    }

    /**
     * @param root a folder
     * @return whether it is the Hub release layout ({@code features/} and {@code annotations/})
     */
    public static boolean isHubRelease(Path root) {
        return Files.isDirectory(root.resolve("features")) && Files.isDirectory(root.resolve("annotations"));
    }

    /** @return whether this layout reads the Hub release (Parquet features) rather than the .h5 tree */
    public boolean hubRelease() {
        return hubRelease;
    }

    /** @return the folder annotation paths are relative to: the root, or its {@code annotations/} in the Hub release */
    public Path annotationRoot() {
        return annotationRoot;
    }

    /** @return the reader options the layout opens splits with (task prompts) */
    public ReaderOptions readerOptions() {
        return readerOptions;
    }

    /** @return where Parquet shard indexes are cached */
    public Path indexDirectory() {
        return indexDirectory;
    }

    private static Path defaultIndexDirectory() {
        String env = System.getenv("VLADAPTER_CACHE");
        Path base = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "vladapter");
        return base.resolve("feature-index");
    }

    /**
     * The official VQA annotation files ({@code vqa/v2_mscoco_{train,val}2014_annotations.json}, 10 human
     * answers per question) of a release, when it has them: with them VQA is scored with the official accuracy.
     *
     * @param root the release's {@code datasets/} folder (or the Hub release, whose annotations are under
     *     {@code annotations/})
     * @return the files present, train first; empty when there are none
     */
    public static List<Path> officialVqaAnnotations(Path root) {
        Path annotations = isHubRelease(root) ? root.resolve("annotations") : root;
        List<Path> files = new ArrayList<>();
        for (String split : new String[] {"train2014", "val2014"}) {
            Path f = annotations.resolve("vqa").resolve("v2_mscoco_" + split + "_annotations.json");
            if (Files.exists(f)) {
                files.add(f);
            }
        }
        return files;
    }

    /**
     * @param task a task
     * @return the training split the released scripts use ({@code karpathy_train}, {@code train,valid}, ...;
     *     the task's {@link TaskSpec#splits()})
     */
    public static String trainSplit(Task task) {
        return task.spec().splits().train();
    }

    /**
     * @param task a task
     * @return the split evaluated after every epoch ({@code karpathy_val}, {@code testdev}, {@code valid}, ...)
     */
    public static String validationSplit(Task task) {
        return task.spec().splits().validation();
    }

    /**
     * @param task a task
     * @return the split of the final test ({@code karpathy_test}, GQA {@code testdev}, NLVR2 {@code test},
     *     the VALUE test files, which have no labels)
     */
    public static String testSplit(Task task) {
        return task.spec().splits().test();
    }

    /**
     * Opens a task's split by task name.
     *
     * @param taskName e.g. {@code vqa}, {@code caption}, {@code tvqa}
     * @param split e.g. {@code karpathy_train}
     * @return the dataset
     * @throws IllegalArgumentException listing the known tasks when the name is unknown
     */
    public TaskDataset open(String taskName, String split) {
        return open(Task.of(taskName), split);
    }

    /**
     * Opens a task's split.
     *
     * @param task the task
     * @param split one split or several separated by commas
     * @return the dataset
     * @throws AnnotationException when a file is missing or malformed, or the split is empty
     */
    public TaskDataset open(Task task, String split) {
        List<String> parts = Arrays.stream(split.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("empty split name for task " + task.key());
        }
        return task.spec().reader().open(this, task, split, parts);
    }

    /**
     * @param folder {@code COCO}, {@code VG}, {@code GQA} or {@code nlvr}
     * @return the folder of per-image feature files for the configured feature type
     */
    public Path imageFeatureDirectory(String folder) {
        if (hubRelease) {
            return root.resolve("features").resolve(folder).resolve("data_clip_" + featureType + "_att");
        }
        return root.resolve(folder).resolve("clip_features").resolve("data_clip_" + featureType + "_att");
    }

    /**
     * @param task a video task
     * @return the folder of its {@code <vid_name>.npz} files
     */
    public Path videoFeatureDirectory(Task task) {
        return annotationRoot.resolve("video/vis_features").resolve(videoSource(task)).resolve("clip-vit");
    }

    /**
     * @param task a video task
     * @return its subtitles file
     */
    public Path subtitlesFile(Task task) {
        return annotationRoot.resolve("video/ann").resolve(videoSource(task) + "_subtitles.jsonl");
    }

    private static String videoSource(Task task) {
        String source = task.spec().videoSource();
        if (source == null) {
            throw new IllegalArgumentException(task.key() + " is not a video task");
        }
        return source;
    }

    /**
     * @param task a video task
     * @return the pattern of its annotation files relative to the annotation root, {@code %s} for the split
     *     ({@code video/ann/tvqa/tvqa_%s.jsonl})
     */
    public static String videoAnnotations(Task task) {
        return "video/ann/" + task.key() + "/" + task.key() + "_%s.jsonl";
    }

    /**
     * @param parts split names
     * @param pattern file pattern relative to the annotation root, {@code %s} for the split ({@code vqa/%s.json})
     * @return the annotation file of each split
     * @throws AnnotationException naming the file when one is missing
     */
    public List<Path> annotationFiles(List<String> parts, String pattern) {
        List<Path> out = new ArrayList<>();
        for (String part : parts) {
            Path file = annotationRoot.resolve(String.format(pattern, part));
            if (!Files.isRegularFile(file)) {
                throw new AnnotationException("annotation file not found: " + file + " (layout root " + root + ")");
            }
            out.add(file);
        }
        return out;
    }

    /**
     * @param folder {@code COCO}, {@code VG}, {@code GQA} or {@code nlvr}
     * @return the (shared, cached) store of that folder's image features for the configured feature type
     */
    public synchronized FeatureStore imageFeatures(String folder) {
        Path dir = imageFeatureDirectory(folder);
        FeatureShape shape = imageDim > 0 ? new FeatureShape(49, imageDim)
                : featureType.equals("RN101")
                ? FeatureShape.CLIP_RN101_GRID
                : new FeatureShape(FeatureShape.ANY, FEATURE_DIMS.get(featureType));
        return stores.computeIfAbsent(dir, d -> cached(hubRelease
                ? new ParquetFeatureStore(d, shape, ParquetFeatureStore.indexFileFor(d, indexDirectory))
                : new Hdf5DirectoryStore(d, shape)));
    }

    /**
     * @param task a video task
     * @return the (shared, cached) store of its frame features
     */
    public synchronized FeatureStore videoFeatures(Task task) {
        return stores.computeIfAbsent(videoFeatureDirectory(task),
                d -> cached(new NpzDirectoryStore(d, videoDim > 0 ? new FeatureShape(FeatureShape.ANY, videoDim)
                        : FeatureShape.CLIP_VIT_FRAMES)));
    }

    /**
     * @param task a video task
     * @return its subtitles (read once)
     */
    public synchronized Subtitles subtitles(Task task) {
        return subtitles.computeIfAbsent(subtitlesFile(task), Subtitles::load);
    }

    private FeatureStore cached(FeatureStore store) {
        return cacheSize > 0 ? new CachingFeatureStore(store, cacheSize) : store;
    }

    /** Closes the feature stores opened so far. */
    @Override
    public synchronized void close() {
        for (FeatureStore store : stores.values()) {
            store.close();
        }
        stores.clear();
    }

    /** Builder of {@link DatasetLayout}. */
    public static final class Builder {
        private Path root;
        private String featureType = "RN101";
        private int imageDim;
        private int videoDim;
        private int cacheSize;
        private ReaderOptions readerOptions = ReaderOptions.defaults();
        private Path indexDirectory;

        private Builder() {}

        /**
         * @param directory where the id indexes of Parquet feature shards are cached (default
         *     {@code $VLADAPTER_CACHE/feature-index}, else {@code ~/.cache/vladapter/feature-index})
         * @return this builder
         */
        public Builder indexDirectory(Path directory) {
            this.indexDirectory = directory;
            return this;
        }

        /**
         * @param root the release's {@code datasets/} folder
         * @return this builder
         */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /**
         * @param featureType the CLIP backbone of the image features: RN101 (default), RN50, RN50x4, ViT
         * @return this builder
         */
        public Builder featureType(String featureType) {
            this.featureType = featureType;
            return this;
        }

        /**
         * Feature sizes for a feature type outside the release's (e.g. ShapesWorld's {@code ShapesCLIP}, whose
         * per-image files are (49, D) and per-clip files (L, D)); any type name is then accepted.
         *
         * @param imageDim D of the per-image grid files
         * @param videoDim D of the per-clip frame files
         * @return this builder
         */
        public Builder featureDims(int imageDim, int videoDim) {
            if (imageDim <= 0 || videoDim <= 0) {
                throw new IllegalArgumentException("feature dims must be positive, got " + imageDim + ", " + videoDim);
            }
            this.imageDim = imageDim;
            this.videoDim = videoDim;
            return this;
        }

        /**
         * @param entries feature matrices kept in each store's LRU cache (default 0: no cache)
         * @return this builder
         */
        public Builder cacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("cache size must be >= 0, got " + entries);
            }
            this.cacheSize = entries;
            return this;
        }

        /**
         * @param options how readers build input strings (task prompts)
         * @return this builder
         */
        public Builder readerOptions(ReaderOptions options) {
            this.readerOptions = options;
            return this;
        }

        /** @return the layout */
        public DatasetLayout build() {
            return new DatasetLayout(this);
        }
    }
}
