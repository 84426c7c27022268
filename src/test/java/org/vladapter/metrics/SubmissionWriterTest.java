package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionWriterTest {

    @TempDir
    Path dir;

    @Test
    void vqaListOfQuestionIdAndAnswer() throws IOException {
        Map<Long, String> answers = new LinkedHashMap<>();
        answers.put(458752000L, "net");
        answers.put(262148000L, "<yes> & \"no\"");
        Path p = dir.resolve("vqa_results.json");
        SubmissionWriter.writeVqa(p, answers);
        JsonArray list = JsonParser.parseString(Files.readString(p)).getAsJsonArray();
        assertThat(list).hasSize(2);
        JsonObject first = list.get(0).getAsJsonObject();
        assertThat(first.keySet()).containsExactlyInAnyOrder("question_id", "answer");
        assertThat(first.get("question_id").getAsLong()).isEqualTo(458752000L);
        assertThat(first.get("question_id").getAsJsonPrimitive().isNumber()).isTrue();
        assertThat(list.get(1).getAsJsonObject().get("answer").getAsString()).isEqualTo("<yes> & \"no\"");
        assertNoTemporaryFiles();
    }

    @Test
    void gqaListOfQuestionIdStringAndPrediction() throws IOException {
        Path p = dir.resolve("gqa.json");
        SubmissionWriter.writeGqa(p, Map.of("20968379", "pipe"));
        JsonObject o = JsonParser.parseString(Files.readString(p)).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(o.get("questionId").getAsJsonPrimitive().isString()).isTrue();
        assertThat(o.get("questionId").getAsString()).isEqualTo("20968379");
        assertThat(o.get("prediction").getAsString()).isEqualTo("pipe");
    }

    @Test
    void nlvr2CsvTrueFalse() throws IOException {
        Map<String, Boolean> pred = new LinkedHashMap<>();
        pred.put("test1-0-1-0", true);
        pred.put("test1-0-1-1", false);
        Path p = dir.resolve("nlvr2.csv");
        SubmissionWriter.writeNlvr2(p, pred);
        assertThat(Files.readString(p)).isEqualTo("test1-0-1-0,True\ntest1-0-1-1,False\n");
    }

    @Test
    void videoQaObjectOfIndices() throws IOException {
        Map<String, Integer> pred = new LinkedHashMap<>();
        pred.put("135", VideoQaAccuracy.submissionIndex("a3"));
        pred.put("136", VideoQaAccuracy.submissionIndex("oops"));
        Path p = dir.resolve("tvqa_test_predictions.json");
        SubmissionWriter.writeVideoQa(p, pred);
        JsonObject o = JsonParser.parseString(Files.readString(p)).getAsJsonObject();
        assertThat(o.get("135").getAsInt()).isEqualTo(3);
        assertThat(o.get("136").getAsInt()).isEqualTo(0);
    }

    @Test
    void valueCaptionJsonLines() throws IOException {
        Path p = dir.resolve("sub/tvc_test_predictions.jsonl");
        SubmissionWriter.writeValueCaptions(p, List.of(
                new ValueCaptionPrediction("s01e02_seg01_clip_00", 86603, List.of(1.5, 5.25), "a man talks"),
                new ValueCaptionPrediction("yc2_vid", 7, null, "add salt"),
                new ValueCaptionPrediction("yc2_other", "GhjAa_3", null, "stir")));
        List<String> lines = Files.readAllLines(p);
        assertThat(lines).hasSize(3);
        JsonObject named = JsonParser.parseString(lines.get(2)).getAsJsonObject();
        assertThat(named.get("clip_id").getAsJsonPrimitive().isString()).isTrue();
        assertThat(named.get("clip_id").getAsString()).isEqualTo("GhjAa_3");
        JsonObject tvc = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertThat(tvc.get("vid_name").getAsString()).isEqualTo("s01e02_seg01_clip_00");
        assertThat(tvc.get("clip_id").getAsJsonPrimitive().isNumber()).isTrue();
        assertThat(tvc.get("clip_id").getAsLong()).isEqualTo(86603);
        assertThat(tvc.getAsJsonArray("ts").get(1).getAsDouble()).isEqualTo(5.25);
        assertThat(tvc.getAsJsonArray("descs").get(0).getAsJsonObject().get("desc").getAsString())
                .isEqualTo("a man talks");
        JsonObject yc2 = JsonParser.parseString(lines.get(1)).getAsJsonObject();
        assertThat(yc2.has("ts")).isFalse();
    }

    @Test
    void rewritingReplacesTheWholeFile() throws IOException {
        Path p = dir.resolve("nlvr2.csv");
        Files.writeString(p, "old content that is longer than the new one\n".repeat(10));
        SubmissionWriter.writeNlvr2(p, Map.of("a-b-c-d", true));
        assertThat(Files.readString(p)).isEqualTo("a-b-c-d,True\n");
        assertNoTemporaryFiles();
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
