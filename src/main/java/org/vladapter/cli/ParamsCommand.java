package org.vladapter.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.vladapter.model.VlAdapter;
import org.vladapter.backbone.Backbone;
import org.vladapter.peft.MethodPreset;
import org.vladapter.peft.ParameterSummary;
import org.vladapter.tasks.Task;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code vladapter params}: the paper's "% updated parameters" (docs/behaviour.md#parameter-percentages) of a method on a backbone, counted
 * from shapes only ({@link VlAdapter.Builder#parameterSummary()}: no weights are read or allocated).
 *
 * <pre>
 * bin/vladapter params --backbone bart-base --method single-adapter --tasks vqa,gqa,nlvr,caption --feature-dim 2048 --json
 * {"trainable":6081600,"total":145606464,"percent":4.18,"percent_exact":4.176739...,...}
 * </pre>
 *
 * Without {@code --json} it prints HF PEFT's line and a per-module table (layer indices collapsed to
 * {@code *}, or the first {@code --depth} name segments).
 */
@Command(name = "params", mixinStandardHelpOptions = true,
        description = "Counts trainable and total parameters of a method on a backbone (the paper's %% updated parameters).")
public final class ParamsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--backbone", required = true, description = "preset (bart-base, t5-base) or HF checkpoint folder")
    String backbone;

    @Option(names = "--method", required = true, completionCandidates = MethodNames.class,
            description = "one of: ${COMPLETION-CANDIDATES}")
    String method;

    @Option(names = "--tasks", defaultValue = "vqa,gqa,nlvr,caption",
            description = "comma-separated task keys (default: ${DEFAULT-VALUE}; video: tvqa,how2qa,tvc,yc2c)")
    String tasks;

    @Option(names = "--feature-dim", description = "visual feature size (default: 2048 for image tasks, 512 for video)")
    Integer featureDim;

    @Option(names = {"-o", "--option"}, description = "method option NAME=VALUE (${sys:vladapter.method-options}); repeatable")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--unfreeze-t5-layer-norms", description = "also count VL-T5's block LayerNorms as trainable "
            + "(the original leaves them frozen)")
    boolean unfreezeT5LayerNorms;

    @Option(names = "--json", description = "print one JSON object instead of the line and table")
    boolean json;

    @Option(names = "--depth", defaultValue = "0",
            description = "table rows by the first N name segments (0: per module, layer indices collapsed)")
    int depth;

    /** The method names, for help and completion. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(MethodPreset.values()).map(MethodPreset::cliName).iterator();
        }
    }

    @Override
    public Integer call() {
        ParameterSummary summary;
        MethodPreset preset;
        List<Task> taskList;
        try {
            preset = MethodPreset.fromCliName(method);
            taskList = Task.parseList(tasks);
            VlAdapter.Builder builder = VlAdapter.builder().backbone(Backbone.of(backbone)).method(preset)
                    .tasks(taskList).unfreezeT5LayerNorms(unfreezeT5LayerNorms);
            if (featureDim != null) {
                builder.featureDim(featureDim);
            }
            options.forEach(builder::option);
            summary = builder.parameterSummary();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        int dim = featureDim != null ? featureDim
                : Task.Modality.of(taskList).featureDim();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trainable", summary.trainableParams());
            m.put("total", summary.allParams());
            m.put("percent", BigDecimal.valueOf(summary.trainablePercent()).setScale(2, RoundingMode.HALF_UP));
            m.put("percent_exact", summary.trainablePercent());
            m.put("method", preset.cliName());
            m.put("backbone", backbone);
            m.put("tasks", taskList.stream().map(Task::key).collect(Collectors.toList()));
            m.put("feature_dim", dim);
            if (!options.isEmpty()) {
                m.put("options", options);
            }
            Gson gson = new GsonBuilder().disableHtmlEscaping().create();
            out.println(gson.toJson(m));
        } else {
            out.printf(Locale.ROOT, "%s on %s, tasks %s, feature dim %d%n", preset.cliName(), backbone,
                    taskList.stream().map(Task::key).collect(Collectors.joining(",")), dim);
            out.println(summary.line());
            out.printf(Locale.ROOT, "updated parameters: %.2f %%%n%n", summary.trainablePercent());
            Table table = depth > 0 ? summary.table(depth) : summary.table();
            out.println(table.printAll());
        }
        out.flush();
        return 0;
    }
}
