package org.vladapter.cli;

import org.vladapter.shapes.ShapesConfig;
import org.vladapter.shapes.ShapesData;
import org.vladapter.shapes.ShapesWorld;
import org.vladapter.shapes.Describe;
import org.vladapter.shapes.clip.ClipTraining;
import org.vladapter.shapes.text.TextPretraining;
import org.vladapter.shapes.text.WordVocabulary;
import org.vladapter.train.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vladapter shapes}: the embedded ShapesWorld benchmark. {@code generate} writes the release layout
 * (features from the shipped mini-CLIP), {@code describe} prints its splits and answer distributions, and
 * {@code pretrain-clip|pretrain-bart|pretrain-t5} regenerate the three shipped checkpoints, each writing its
 * {@code train_log.txt} next to it.
 */
@Command(name = "shapes", mixinStandardHelpOptions = true,
        description = "ShapesWorld, the embedded benchmark: generate, describe, pretrain-clip, pretrain-bart, pretrain-t5.",
        subcommands = {
            ShapesCommand.Generate.class,
            ShapesCommand.DescribeCmd.class,
            ShapesCommand.PretrainClip.class,
            ShapesCommand.PretrainBart.class,
            ShapesCommand.PretrainT5.class,
            ShapesCommand.Baseline.class,
        })
public final class ShapesCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("vladapter shapes: give a subcommand (generate, describe, pretrain-clip, pretrain-bart, pretrain-t5)");
    }

    /** Options shared by the data subcommands. */
    static class WorldOptions {
        @Option(names = "--out", description = "release folder (default: datasets/shapesworld)")
        Path out;

        @Option(names = "--seed", defaultValue = "" + ShapesConfig.DEFAULT_SEED, description = "world seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--scale", defaultValue = "1.0", description = "split size factor (default: ${DEFAULT-VALUE})")
        double scale;

        @Option(names = "--clip", description = "mini-CLIP checkpoint folder (default: datasets/shapes-clip)")
        Path clip;

        Path out() {
            return out != null ? out : ShapesWorld.datasetsFolder().resolve("shapesworld");
        }

        Path clip() {
            return clip != null ? clip : ShapesWorld.clipFolder();
        }

        ShapesConfig config() {
            return new ShapesConfig(seed, scale);
        }
    }

    /** {@code shapes generate}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generates ShapesWorld in the release layout (reuses a complete generation with the same stamp).")
    static final class Generate implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        WorldOptions world;

        @Option(names = "--force", description = "regenerate even when the stamp matches")
        boolean force;

        @Override
        public Integer call() {
            Path out = world.out();
            if (force || !ShapesWorld.isGenerated(out, world.config(), world.clip())) {
                ShapesWorld.open(out, world.config(), world.clip(), ProgressBar.Style.AUTO, System.err);
            } else {
                System.err.println("shapes: " + out + " is up to date (" + world.config().describe() + ")");
            }
            System.out.println(out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code shapes describe}. */
    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Prints the splits, their sizes and answer distributions (generates the world first if needed).")
    static final class DescribeCmd implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        WorldOptions world;

        @Override
        public Integer call() {
            ShapesWorld w = ShapesWorld.open(world.out(), world.config(), world.clip(),
                    ProgressBar.Style.AUTO, System.err);
            System.out.print(Describe.text(w));
            return 0;
        }
    }

    /** {@code shapes baseline}. */
    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = "Prior, text-only and vision+text answer classifiers, and a true-objects ceiling, on the VQA-like and GQA-like test splits (is the image needed?).")
    static final class Baseline implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        WorldOptions world;

        @Option(names = "--epochs", defaultValue = "10")
        int epochs;

        @Override
        public Integer call() {
            ShapesWorld w = ShapesWorld.open(world.out(), world.config(), world.clip(), ProgressBar.Style.AUTO, System.err);
            var scores = org.vladapter.shapes.Baselines.run(w, epochs, world.seed, System.err);
            scores.forEach((task, byName) -> byName.forEach((name, score) ->
                    System.out.printf(Locale.ROOT, "%-4s %-32s %.1f%n", task, name, 100 * score)));
            // what the frozen features keep of each object, where it is (linear probes of the centre cell)
            List<String> ids = w.sceneIds().stream().limit(1500).toList();
            var cells = org.vladapter.shapes.clip.CellProbe.run(ids.stream().map(w::scene).toList(),
                    ids.stream().map(w::features).toList());
            System.out.println("cell probe: " + cells.describe());
            return 0;
        }
    }

    /** {@code shapes pretrain-clip}. */
    @Command(name = "pretrain-clip", mixinStandardHelpOptions = true,
            description = "Trains the mini-CLIP contrastively and writes its checkpoint folder with train_log.txt.")
    static final class PretrainClip implements Callable<Integer> {
        @Option(names = "--out", description = "checkpoint folder (default: datasets/shapes-clip)")
        Path out;

        @Option(names = "--steps", defaultValue = "1200")
        int steps;

        @Option(names = "--batch-size", defaultValue = "128")
        int batchSize;

        @Option(names = "--scenes", defaultValue = "4000", description = "distinct training scenes")
        int scenes;

        @Option(names = "--eval-scenes", defaultValue = "200", description = "held-out scenes for retrieval")
        int evalScenes;

        @Option(names = "--dim", defaultValue = "" + ShapesWorld.FEATURE_DIM)
        int dim;

        @Option(names = "--seed", defaultValue = "" + ShapesConfig.DEFAULT_SEED)
        long seed;

        @Option(names = "--region-weight", defaultValue = "1.0",
                description = "weight of the region-phrase term: each object's centre cell against its phrase (0: captions only)")
        double regionWeight;

        @Override
        public Integer call() throws Exception {
            Path folder = out != null ? out : ShapesWorld.clipFolder();
            ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
            try (PrintStream log = tee(logBytes)) {
                log.println("vladapter shapes pretrain-clip --steps " + steps + " --batch-size " + batchSize + " --scenes "
                        + scenes + " --eval-scenes " + evalScenes + " --dim " + dim + " --seed " + seed + " --region-weight " + regionWeight);
                WordVocabulary vocab = WordVocabulary.shapesWorld();
                ClipTraining.Result r = new ClipTraining(seed, steps, batchSize, scenes, evalScenes, dim, regionWeight, log).run(vocab, folder);
                log.printf(Locale.ROOT, "result: steps=%d loss %.4f -> %.4f, retrieval image->text %.3f text->image %.3f over %d, "
                        + "cell probes colour %.3f shape %.3f size %.3f, %.1f s%n", r.steps(), r.firstLoss(), r.lastLoss(),
                        r.imageToText(), r.textToImage(), r.candidates(), r.cells().colour(), r.cells().shape(), r.cells().size(),
                        r.seconds());
            }
            Files.write(folder.resolve("train_log.txt"), logBytes.toByteArray());
            return 0;
        }
    }

    /** {@code shapes pretrain-bart}. */
    @Command(name = "pretrain-bart", mixinStandardHelpOptions = true,
            description = "Pretrains the small BART (text infilling) and writes it in HF layout with train_log.txt.")
    static final class PretrainBart extends PretrainText {
        PretrainBart() {
            super("bart");
        }
    }

    /** {@code shapes pretrain-t5}. */
    @Command(name = "pretrain-t5", mixinStandardHelpOptions = true,
            description = "Pretrains the small T5 (span corruption) and writes it in HF layout with train_log.txt.")
    static final class PretrainT5 extends PretrainText {
        PretrainT5() {
            super("t5");
        }
    }

    /** Shared options of the text pretraining commands. */
    abstract static class PretrainText implements Callable<Integer> {
        private final String family;

        @Option(names = "--out", description = "model folder (default: datasets/shapes-bart or datasets/shapes-t5)")
        Path out;

        @Option(names = "--steps", defaultValue = "800")
        int steps;

        @Option(names = "--batch-size", defaultValue = "64")
        int batchSize;

        @Option(names = "--scale", defaultValue = "1.0", description = "ShapesWorld scale of the training corpus")
        double scale;

        @Option(names = "--seed", defaultValue = "" + ShapesConfig.DEFAULT_SEED)
        long seed;

        PretrainText(String family) {
            this.family = family;
        }

        @Override
        public Integer call() throws Exception {
            Path folder = out != null ? out : family.equals("bart") ? ShapesWorld.bartFolder() : ShapesWorld.t5Folder();
            ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
            try (PrintStream log = tee(logBytes)) {
                log.println("vladapter shapes pretrain-" + family + " --steps " + steps + " --batch-size " + batchSize
                        + " --scale " + scale + " --seed " + seed);
                WordVocabulary vocab = WordVocabulary.shapesWorld();
                TextPretraining.Result r = new TextPretraining(family, seed, steps, batchSize, log)
                        .run(vocab, ShapesData.generate(new ShapesConfig(seed, scale)).corpus(true), folder);
                log.printf(Locale.ROOT, "result: steps=%d held-out denoising loss %.4f before, %.4f after pretraining; %.1f s%n",
                        r.steps(), r.lossBefore(), r.lossAfter(), r.seconds());
            }
            Files.write(folder.resolve("train_log.txt"), logBytes.toByteArray());
            return 0;
        }
    }

    static PrintStream tee(ByteArrayOutputStream copy) {
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                copy.write(b);
                System.err.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                copy.write(b, off, len);
                System.err.write(b, off, len);
            }
        };
        return new PrintStream(both, true, StandardCharsets.UTF_8);
    }
}
