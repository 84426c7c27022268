package org.vladapter.fuzz;

import org.vladapter.cli.EvaluateCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The inputs of {@code vladapter evaluate --metric vqa}: a predictions file ({@code [{question_id, answer}]}) and an
 * official VQA annotation file, run through the command itself. Refused: lenient JSON (an unquoted {@code NaN} used
 * to become the answer "NaN"), an empty list (0.0 accuracy over 0 questions), duplicate question ids in the
 * annotations, duplicate predictions, truncation.
 */
final class EvaluateInputs implements InputClass {

    static final String PREDICTIONS = "predictions.json";
    static final String ANNOTATIONS = "annotations.json";

    static final String PREDS = "[{\"question_id\": 1, \"answer\": \"two\"}, {\"question_id\": 2, \"answer\": \"yes\"},"
            + " {\"question_id\": 3, \"answer\": \"red\"}]\n";

    static String annotations() {
        StringBuilder sb = new StringBuilder("{\"info\": {}, \"annotations\": [\n");
        String[][] answers = {{"2", "two", "2", "3"}, {"yes", "yes", "no", "yes"}, {"red", "blue", "red", "red"}};
        for (int q = 0; q < 3; q++) {
            sb.append(q == 0 ? "" : ",\n").append("  {\"question_id\": ").append(q + 1).append(", \"answer_type\": \"other\","
                    + " \"question_type\": \"what\", \"answers\": [");
            for (int a = 0; a < answers[q].length; a++) {
                sb.append(a == 0 ? "" : ", ").append("{\"answer\": \"").append(answers[q][a]).append("\", \"answer_id\": ")
                        .append(a + 1).append('}');
            }
            sb.append("]}");
        }
        return sb.append("\n]}\n").toString();
    }

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public List<FuzzCase> cases(Random random, int count) {
        String ann = annotations();
        Map<String, byte[]> originalFiles = Mutations.files(PREDICTIONS, Mutations.utf8(PREDS), ANNOTATIONS,
                Mutations.utf8(ann));
        List<FuzzCase> fixed = new ArrayList<>();
        String[][] badPreds = {
            {"\"answer\": \"yes\"", "\"answer\": NaN"},
            {"\"answer\": \"yes\"", "\"answer\": yes"},
            {"\"answer\": \"yes\"", "'answer': 'yes'"},
            {"\"answer\": \"yes\"", "\"answer\": \"yes\" // sure"},
            {"\"answer\": \"yes\"", "\"answer\": 1"},
            {"{\"question_id\": 2", "{\"question_id\": 1"},
            {"{\"question_id\": 3", "{\"question_id\": 99"},
            {"\"answer\": \"red\"}", "\"answer\": \"red\"},"},
        };
        for (String[] b : badPreds) {
            fixed.add(preds(b[1], Mutations.replaceFirst(PREDS, b[0], b[1]), ann, Expect.REFUSE, originalFiles));
        }
        fixed.add(preds("empty-list", "[]", ann, Expect.REFUSE, originalFiles));
        fixed.add(preds("empty-object", "{}", ann, Expect.REFUSE, originalFiles));
        fixed.add(new FuzzCase("annotations:duplicate-question-id", Mutations.files(PREDICTIONS, Mutations.utf8(PREDS),
                ANNOTATIONS, Mutations.utf8(Mutations.replaceFirst(ann, "\"question_id\": 3", "\"question_id\": 2"))),
                ANNOTATIONS, Expect.REFUSE, originalFiles));
        fixed.add(new FuzzCase("annotations:empty", Mutations.files(PREDICTIONS, Mutations.utf8(PREDS), ANNOTATIONS,
                Mutations.utf8("{\"annotations\": []}")), ANNOTATIONS, Expect.REFUSE, originalFiles));
        fixed.add(new FuzzCase("annotations:nan", Mutations.files(PREDICTIONS, Mutations.utf8(PREDS), ANNOTATIONS,
                Mutations.utf8(Mutations.replaceFirst(ann, "\"answer_id\": 1", "\"answer_id\": NaN"))), ANNOTATIONS,
                Expect.REFUSE, originalFiles));
        fixed.add(preds("object-form", "{\"1\": \"two\", \"2\": \"yes\", \"3\": \"red\"}", ann, Expect.ACCEPT_SAME,
                originalFiles));
        fixed.add(preds("spacing", PREDS.replace(", ", ",\n\t"), ann, Expect.ACCEPT_SAME, originalFiles));
        return Mutations.assemble(fixed, count, () -> {
            boolean predictions = random.nextBoolean();
            FuzzCase c = Mutations.randomJsonEdit(random, predictions ? PREDICTIONS : ANNOTATIONS,
                    predictions ? Map.of(ANNOTATIONS, Mutations.utf8(ann)) : Map.of(PREDICTIONS, Mutations.utf8(PREDS)),
                    Mutations.utf8(predictions ? PREDS : ann));
            return c;
        });
    }

    private static FuzzCase preds(String label, String text, String ann, Expect expect, Map<String, byte[]> original) {
        return new FuzzCase("predictions:" + label, Mutations.files(PREDICTIONS, Mutations.utf8(text), ANNOTATIONS,
                Mutations.utf8(ann)), PREDICTIONS, expect, original);
    }

    @Override
    public Object load(Path folder, String target) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EvaluateCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    throw e;
                })
                .execute("--metric", "vqa", "--predictions", folder.resolve(PREDICTIONS).toString(), "--annotations",
                        folder.resolve(ANNOTATIONS).toString(), "--json");
        if (code != 0) {
            throw new IllegalArgumentException(err.toString().strip());
        }
        return out.toString().strip();
    }
}
