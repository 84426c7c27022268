package org.vladapter.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Regression tests from the fuzz campaign's annotation inputs: lenient JSON and out-of-range label scores. */
class StrictAnnotationsTest {

    @TempDir
    Path dir;

    private static final String ITEM = "{\"img_id\": \"x\", \"sent\": \"q?\", \"question_id\": 1, \"label\": {\"net\": 1}}";

    private List<JsonRecord> read(String text) throws IOException {
        Path f = Files.writeString(dir.resolve("ann.json"), text);
        List<JsonRecord> out = new ArrayList<>();
        JsonAnnotations.readList(f, out::add);
        out.forEach(r -> r.scores("label"));
        return out;
    }

    @Test
    void validFileReads() throws IOException {
        assertThat(read("[" + ITEM + "]")).hasSize(1);
    }

    @Test
    void lenientJsonIsRefusedWithFileAndLine() {
        String[] bad = {ITEM.replace("\"sent\"", "'sent'"), ITEM.replace("1}}", "NaN}}"), ITEM + " /* c */",
            ITEM.replace("\"q?\"", "q"), ITEM.replace("\"question_id\": 1", "\"question_id\": 1, \"question_id\": 2")};
        for (String b : bad) {
            assertThatThrownBy(() -> read("[\n" + b + "\n]")).as(b).isInstanceOf(AnnotationException.class)
                    .hasMessageContaining("ann.json:2");
        }
    }

    @Test
    void labelScoresMustBeSoftScores() {
        for (String score : new String[] {"1e39", "-1", "7"}) {
            assertThatThrownBy(() -> read("[" + ITEM.replace("\"net\": 1", "\"net\": " + score) + "]")).as(score)
                    .hasMessageContaining("ann.json").hasMessageContaining("[0, 1]");
        }
    }
}
