package org.vladapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString()).getAsJsonObject();
    }

    @Test
    void vqaWithSimpleFiles() throws IOException {
        // q1: "Two" -> "2", 9 of 10 annotators said "2" -> 1.0; q2: "cat" matches 1 annotator -> 0.3
        Path p = file("p.json", "{\"1\": \"Two\", \"2\": \"cat\"}");
        Path r = file("r.json", "{\"1\": [\"2\",\"2\",\"2\",\"2\",\"2\",\"2\",\"2\",\"2\",\"2\",\"3\"],"
                + " \"2\": [\"cat\",\"dog\",\"dog\",\"dog\",\"dog\",\"dog\",\"dog\",\"dog\",\"dog\",\"dog\"]}");
        assertThat(run("evaluate", "--metric", "vqa", "--predictions", p.toString(), "--references", r.toString(),
                "--json")).isEqualTo(0);
        assertThat(json().get("accuracy").getAsDouble()).isEqualTo(65.0);
        assertThat(json().get("questions").getAsInt()).isEqualTo(2);
    }

    @Test
    void vqaWithOfficialFormats() throws IOException {
        Path p = file("results.json", "[{\"question_id\": 458752000, \"answer\": \"net\"},"
                + " {\"question_id\": 458752001, \"answer\": \"no\"}]");
        String tenNets = "{\"answer\": \"net\", \"answer_confidence\": \"yes\", \"answer_id\": 1},".repeat(9)
                + "{\"answer\": \"nets\", \"answer_confidence\": \"yes\", \"answer_id\": 10}";
        String tenYes = "{\"answer\": \"yes\", \"answer_confidence\": \"yes\", \"answer_id\": 1},".repeat(9)
                + "{\"answer\": \"yes\", \"answer_confidence\": \"yes\", \"answer_id\": 10}";
        Path a = file("ann.json", "{\"annotations\": ["
                + "{\"question_id\": 458752000, \"question_type\": \"what is this\", \"answer_type\": \"other\","
                + " \"answers\": [" + tenNets + "]},"
                + "{\"question_id\": 458752001, \"question_type\": \"is the\", \"answer_type\": \"yes/no\","
                + " \"answers\": [" + tenYes + "]}]}");
        assertThat(run("evaluate", "--metric", "vqa", "--predictions", p.toString(), "--annotations", a.toString(),
                "--json")).isEqualTo(0);
        JsonObject o = json();
        assertThat(o.get("accuracy").getAsDouble()).isEqualTo(50.0);
        assertThat(o.getAsJsonObject("perAnswerType").get("other").getAsDouble()).isEqualTo(100.0);
        assertThat(o.getAsJsonObject("perAnswerType").get("yes/no").getAsDouble()).isEqualTo(0.0);
        assertThat(o.getAsJsonObject("perQuestionType").get("what is this").getAsDouble()).isEqualTo(100.0);
    }

    @Test
    void captionJsonHasFractionsAndListsUnavailableMetrics() throws IOException {
        // CiderDTest's corpus after tokenisation ("A b!" -> "a b", "C!" -> "c", "c, d" -> "c d")
        Path p = file("p.json", "{\"img1\": \"A b!\", \"img2\": \"C!\"}");
        Path r = file("r.json", "{\"img1\": [\"a b\"], \"img2\": \"c, d\"}");
        assertThat(run("evaluate", "--metric", "caption", "--predictions", p.toString(), "--references",
                r.toString(), "--json")).isEqualTo(0);
        JsonObject o = json();
        double cider = (5.0 + 10 * (Math.exp(-1.0 / 72) / Math.sqrt(2)) / 4) / 2;
        assertThat(o.get("CIDEr-D").getAsDouble()).isCloseTo(cider, within(1e-12));
        assertThat(o.keySet()).contains("BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4", "ROUGE-L", "CIDEr-D", "unavailable");
        assertThat(o.keySet()).doesNotContain("METEOR", "SPICE");
        assertThat(o.getAsJsonArray("unavailable").toString()).isEqualTo("[\"METEOR\",\"SPICE\"]");
        assertThat(o.get("images").getAsInt()).isEqualTo(2);
    }

    @Test
    void captionWithCocoFormatsAndReadableTable() throws IOException {
        Path p = file("res.json", "[{\"image_id\": 1, \"caption\": \"A b!\"}, {\"image_id\": 2, \"caption\": \"C!\"}]");
        Path a = file("captions_val.json", "{\"images\": [{\"id\": 1}, {\"id\": 2}, {\"id\": 3}], \"annotations\": ["
                + "{\"image_id\": 1, \"id\": 10, \"caption\": \"a b\"},"
                + "{\"image_id\": 2, \"id\": 11, \"caption\": \"c, d\"},"
                + "{\"image_id\": 3, \"id\": 12, \"caption\": \"not predicted\"}]}");
        assertThat(run("evaluate", "--metric", "caption", "--predictions", p.toString(), "--annotations",
                a.toString())).isEqualTo(0);
        String table = out.toString();
        assertThat(table).contains("CIDEr-D").contains("3.3717").contains("METEOR, SPICE (not computed)");
    }

    @Test
    void accuracyTakesTheFirstReferenceOrAString() throws IOException {
        Path p = file("p.json", "{\"a\": \"yes\", \"b\": \"Pipe\", \"c\": \"left\"}");
        Path r = file("r.json", "{\"a\": [\"yes\", \"no\"], \"b\": \"pipe\", \"c\": \"left\"}");
        assertThat(run("evaluate", "--metric", "accuracy", "--predictions", p.toString(), "--references",
                r.toString(), "--json")).isEqualTo(0);
        assertThat(json().get("correct").getAsInt()).isEqualTo(2);
        assertThat(json().get("accuracy").getAsDouble()).isCloseTo(200.0 / 3, within(1e-12));
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Path r = file("r.json", "{}");
        assertThat(run("evaluate", "--metric", "accuracy", "--predictions", dir.resolve("nope.json").toString(),
                "--references", r.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("predictions file not found").contains("nope.json");
    }

    @Test
    void malformedJsonNamesTheFileAndWhere() throws IOException {
        Path p = file("bad.json", "{\"1\": \"x\",\n");
        Path r = file("r.json", "{\"1\": [\"x\"]}");
        assertThat(run("evaluate", "--metric", "vqa", "--predictions", p.toString(), "--references", r.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("malformed JSON in predictions file").contains("bad.json")
                .contains("line");
    }

    @Test
    void wrongStructureIsExplained() throws IOException {
        Path p = file("p.json", "{\"1\": 5}");
        Path r = file("r.json", "{\"1\": [\"x\"]}");
        assertThat(run("evaluate", "--metric", "vqa", "--predictions", p.toString(), "--references", r.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("value of \"1\" must be a string, found a number");
    }

    @Test
    void predictedIdsWithoutReferencesAreListed() throws IOException {
        Path p = file("p.json", "{\"1\": \"x\", \"77\": \"y\", \"78\": \"z\"}");
        Path r = file("r.json", "{\"1\": [\"x\"]}");
        assertThat(run("evaluate", "--metric", "caption", "--predictions", p.toString(), "--references",
                r.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("2 of 3 predicted id(s)").contains("77, 78");
    }

    @Test
    void referencesAndAnnotationsAreExclusive() throws IOException {
        Path p = file("p.json", "{}");
        assertThat(run("evaluate", "--metric", "vqa", "--predictions", p.toString(), "--references", p.toString(),
                "--annotations", p.toString())).isEqualTo(2);
        assertThat(run("evaluate", "--metric", "vqa", "--predictions", p.toString())).isEqualTo(2);
    }

    @Test
    void registeredInMain() {
        assertThat(new CommandLine(new Main()).getSubcommands()).containsKey("evaluate");
    }
}
