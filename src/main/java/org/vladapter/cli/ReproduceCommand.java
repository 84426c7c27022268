package org.vladapter.cli;

import org.vladapter.reproduce.Benchmark;
import org.vladapter.reproduce.Reproduce;
import org.vladapter.reproduce.ReproduceResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vladapter reproduce}: the paper's tables on an embedded benchmark, every method, end to end. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Trains every method of the paper's table multi-task on a benchmark, scores each on its test"
                + " splits with the paper's metrics, and prints and saves the results table (results.csv, results.html)"
                + " and the score-versus-parameters figure (score_vs_params.png). Resumes after the last finished method.")
public final class ReproduceCommand implements Callable<Integer> {

    @Option(names = "--benchmark", defaultValue = "shapes-image", description = "shapes-image or shapes-video")
    String benchmark;

    @Option(names = "--methods", description = "comma-separated methods (default: every row of the benchmark's paper table)")
    String methods;

    @Option(names = "--backbone",
            description = "shapes-bart, shapes-t5 or an HF checkpoint folder with tokenizer.json (default: shapes-bart for"
                    + " images, shapes-t5 for video, whose 600-token inputs exceed the small BART's 512 positions)")
    String backbone;

    @Option(names = "--data", description = "the release folder (default: ShapesWorld in datasets/shapesworld, generated on first use)")
    Path data;

    @Option(names = "--feature-type", defaultValue = "ShapesCLIP",
            description = "CLIP feature folder suffix (data_clip_<type>_att): ShapesCLIP for ShapesWorld, RN101 for the VL-Adapter release")
    String featureType;

    @Option(names = "--epochs", description = "epochs per method (default: the benchmark recipe's; see reproduce.json)")
    Integer epochs;

    @Option(names = "--seeds", defaultValue = "1", description = "runs per method (seeds 9595, 9596, ...); cells show mean ± std")
    int seeds;

    @Option(names = "--out", description = "output folder (default: runs/reproduce-<benchmark>)")
    Path out;

    @Option(names = "--quick", description = "a much smaller run (1 epoch, a few items per task) for smoke tests and CI")
    boolean quick;

    @Option(names = "--overwrite", description = "start afresh when --out holds another run")
    boolean overwrite;

    @Option(names = "--image-control", description = "also score each method with the test images shuffled across "
            + "each split; the drop is how much it reads the image (image_control.csv)")
    boolean imageControl;

    @Override
    public Integer call() {
        Reproduce.Builder job = Reproduce.builder().benchmark(benchmark).methods(methods)
                .data(data).featureType(featureType).seeds(seeds).out(out).quick(quick).overwrite(overwrite)
                .imageControl(imageControl);
        if (backbone != null) {
            job.backbone(backbone);
        }
        if (epochs != null) {
            job.epochs(epochs);
        }
        Reproduce reproduce = job.build();
        ReproduceResults results = reproduce.run();
        System.out.println();
        System.out.print(results.toText());
        var control = results.imageControl();
        if (control.rowCount() > 0) {
            System.out.println();
            System.out.println(control.printAll());
        }
        Path folder = out != null ? out : Benchmark.fromCliName(benchmark).defaultOutput();
        System.out.println("results: " + folder.resolve("results.csv") + ", " + folder.resolve("results.html")
                + ", figure: " + folder.resolve("score_vs_params.png"));
        return 0;
    }
}
