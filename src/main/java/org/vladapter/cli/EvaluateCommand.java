package org.vladapter.cli;

import org.vladapter.metrics.EvaluationFiles;
import org.vladapter.metrics.EvaluationInputException;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vladapter.metrics.AccuracyScore;
import org.vladapter.metrics.CaptionEvaluator;
import org.vladapter.metrics.CaptionScores;
import org.vladapter.metrics.ExactMatchAccuracy;
import org.vladapter.metrics.VqaAccuracy;
import org.vladapter.metrics.VqaAnnotation;
import org.vladapter.metrics.VqaScores;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vladapter evaluate}: scores a prediction file against references with the paper's metrics.
 *
 * <p>Simple formats: predictions {@code {id: "prediction"}}, references {@code {id: ["ref", ...]}} (VQA: the human
 * answers; accuracy: the first element, or a plain string, is the gold answer; caption: the reference captions).
 * Official formats via {@code --annotations}: VQA results {@code [{question_id, answer}]} with
 * {@code v2_mscoco_*_annotations.json}, COCO caption results {@code [{image_id, caption}]} with
 * {@code captions_*.json}. Every predicted id must have references; the evaluation runs over the predicted ids, in file
 * order. Exit code 0 on success, 1 when an input is missing or malformed.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Scores predictions with the paper's metrics: VQA accuracy (VL-T5 evaluate_raw or the official vqaEval.py),",
            "exact-match accuracy (GQA), or COCO caption metrics (PTB tokenisation, BLEU-1..4, ROUGE-L, CIDEr-D;",
            "METEOR and SPICE are reported as unavailable)."
        })
public final class EvaluateCommand implements Callable<Integer> {

    /** Which metric to compute. */
    enum Metric {
        vqa,
        caption,
        accuracy
    }

    /** Which VQA reference script to follow. */
    enum VqaVariant {
        vlt5(VqaAccuracy.Variant.VL_T5),
        official(VqaAccuracy.Variant.OFFICIAL);

        final VqaAccuracy.Variant variant;

        VqaVariant(VqaAccuracy.Variant variant) {
            this.variant = variant;
        }
    }

    static final class Ground {
        @Option(names = "--references", paramLabel = "R.json",
                description = "{id: [reference, ...]} (or {id: reference})")
        Path references;

        @Option(names = "--annotations", paramLabel = "ANN.json",
                description = "official annotations: v2_mscoco_*_annotations.json (vqa) or captions_*.json (caption)")
        Path annotations;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--metric", required = true, paramLabel = "METRIC",
            description = "vqa | caption | accuracy")
    Metric metric;

    @Option(names = "--predictions", required = true, paramLabel = "P.json",
            description = "{id: prediction}, or [{question_id, answer}] (vqa) / [{image_id, caption}] (caption)")
    Path predictions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Ground ground;

    @Option(names = "--vqa-variant", paramLabel = "V", defaultValue = "vlt5",
            description = "vlt5 (default: VL-T5 evaluate_raw, as the paper) | official (vqaEval.py)")
    VqaVariant vqaVariant;

    @Option(names = "--json", description = "print the scores as one JSON object")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            JsonObject result = switch (metric) {
                case vqa -> vqa();
                case caption -> caption();
                case accuracy -> accuracy();
            };
            if (json) {
                out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(result));
            } else {
                printTable(result, out);
            }
            out.flush();
            return 0;
        } catch (EvaluationInputException | IllegalArgumentException e) {
            err.println("evaluate: error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private JsonObject vqa() throws EvaluationInputException {
        JsonElement predJson = EvaluationFiles.readJson(predictions, "predictions");
        Map<String, String> preds = EvaluationFiles.predictions(predJson, predictions, "question_id", "answer");
        Map<String, VqaAnnotation> gts;
        if (ground.annotations != null) {
            gts = EvaluationFiles.vqaAnnotations(EvaluationFiles.readJson(ground.annotations, "annotations"),
                    ground.annotations);
        } else {
            Map<String, List<String>> refs = EvaluationFiles.references(
                    EvaluationFiles.readJson(ground.references, "references"), ground.references);
            gts = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : refs.entrySet()) {
                gts.put(e.getKey(), VqaAnnotation.of(e.getValue()));
            }
        }
        checkCovered(preds.keySet(), gts.keySet());
        VqaScores scores = VqaAccuracy.of(vqaVariant.variant).evaluate(preds, gts);
        JsonObject o = new JsonObject();
        o.addProperty("metric", "vqa");
        o.addProperty("variant", vqaVariant.name());
        o.addProperty("questions", scores.count());
        o.addProperty("accuracy", scores.overall());
        if (!scores.perAnswerType().isEmpty()) {
            o.add("perAnswerType", new Gson().toJsonTree(scores.perAnswerType()));
        }
        if (!scores.perQuestionType().isEmpty()) {
            o.add("perQuestionType", new Gson().toJsonTree(scores.perQuestionType()));
        }
        return o;
    }

    private JsonObject caption() throws EvaluationInputException {
        JsonElement predJson = EvaluationFiles.readJson(predictions, "predictions");
        Map<String, String> preds = EvaluationFiles.predictions(predJson, predictions, "image_id", "caption");
        Map<String, List<String>> refs;
        boolean official = ground.annotations != null;
        if (official) {
            refs = EvaluationFiles.captionAnnotations(EvaluationFiles.readJson(ground.annotations, "annotations"),
                    ground.annotations);
        } else {
            refs = EvaluationFiles.references(EvaluationFiles.readJson(ground.references, "references"),
                    ground.references);
        }
        checkCovered(preds.keySet(), refs.keySet());
        if (preds.isEmpty()) {
            throw new EvaluationInputException(predictions + ": no predictions to evaluate");
        }
        List<String> candidates = new ArrayList<>(preds.values());
        List<List<String>> references = new ArrayList<>();
        for (String id : preds.keySet()) {
            references.add(refs.get(id));
        }
        CaptionScores scores = CaptionEvaluator.builder().replaceUnk(!official).build()
                .evaluate(candidates, references);
        JsonObject o = new JsonObject();
        o.addProperty("metric", "caption");
        o.addProperty("images", scores.images());
        scores.asMap().forEach(o::addProperty);
        JsonArray unavailable = new JsonArray();
        CaptionScores.UNAVAILABLE.forEach(unavailable::add);
        o.add("unavailable", unavailable);
        o.addProperty("note", CaptionScores.UNAVAILABLE_NOTE);
        return o;
    }

    private JsonObject accuracy() throws EvaluationInputException {
        if (ground.references == null) {
            throw new EvaluationInputException("--metric accuracy needs --references {id: gold or [gold, ...]}");
        }
        JsonElement predJson = EvaluationFiles.readJson(predictions, "predictions");
        Map<String, String> preds = EvaluationFiles.predictions(predJson, predictions, "question_id", "answer");
        Map<String, List<String>> refs = EvaluationFiles.references(
                EvaluationFiles.readJson(ground.references, "references"), ground.references);
        checkCovered(preds.keySet(), refs.keySet());
        Map<String, String> gold = new java.util.LinkedHashMap<>();
        refs.forEach((id, r) -> gold.put(id, r.get(0)));
        AccuracyScore score = ExactMatchAccuracy.evaluate(preds, gold);
        JsonObject o = new JsonObject();
        o.addProperty("metric", "accuracy");
        o.addProperty("examples", score.total());
        o.addProperty("correct", score.correct());
        o.addProperty("accuracy", score.percent());
        return o;
    }

    private void checkCovered(java.util.Set<String> predicted, java.util.Set<String> referenced)
            throws EvaluationInputException {
        List<String> missing = new ArrayList<>();
        for (String id : predicted) {
            if (!referenced.contains(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            Path refs = ground.annotations != null ? ground.annotations : ground.references;
            throw new EvaluationInputException(missing.size() + " of " + predicted.size() + " predicted id(s) in "
                    + predictions + " have no references in " + refs + ", e.g. "
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size()))));
        }
    }

    private static void printTable(JsonObject result, PrintWriter out) {
        out.printf(Locale.ROOT, "%-24s %s%n", "metric", result.get("metric").getAsString());
        for (Map.Entry<String, JsonElement> e : result.entrySet()) {
            String key = e.getKey();
            JsonElement v = e.getValue();
            if (key.equals("metric") || key.equals("note")) {
                continue;
            }
            if (v.isJsonObject()) {
                for (Map.Entry<String, JsonElement> inner : v.getAsJsonObject().entrySet()) {
                    out.printf(Locale.ROOT, "%-24s %s%n", key + "[" + inner.getKey() + "]",
                            format(inner.getValue()));
                }
            } else if (v.isJsonArray()) {
                List<String> items = new ArrayList<>();
                v.getAsJsonArray().forEach(x -> items.add(x.getAsString()));
                out.printf(Locale.ROOT, "%-24s %s%n", key, String.join(", ", items) + " (not computed)");
            } else {
                out.printf(Locale.ROOT, "%-24s %s%n", key, format(v));
            }
        }
    }

    private static String format(JsonElement v) {
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
            double d = v.getAsDouble();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d)
                    : String.format(Locale.ROOT, "%.4f", d);
        }
        return v.getAsString();
    }
}
