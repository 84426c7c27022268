package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Regression tests from the fuzz campaign's {@code evaluate} inputs. */
class StrictEvaluationInputsTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void unquotedNanIsNoAnswer() throws IOException {
        Path p = file("p.json", "[{\"question_id\": 1, \"answer\": NaN}]");
        assertThatThrownBy(() -> EvaluationFiles.readJson(p, "predictions")).isInstanceOf(EvaluationInputException.class)
                .hasMessageContaining("p.json").hasMessageContaining("line 1");
    }

    @Test
    void emptyPredictionsAreRefused() throws IOException {
        Path p = file("p.json", "[]");
        assertThatThrownBy(() -> EvaluationFiles.predictions(EvaluationFiles.readJson(p, "predictions"), p,
                "question_id", "answer")).hasMessageContaining("p.json").hasMessageContaining("no predictions");
    }

    @Test
    void duplicateAnnotationIdsAreRefused() throws IOException {
        String one = "{\"question_id\": 7, \"answers\": [{\"answer\": \"yes\"}]}";
        Path a = file("ann.json", "{\"annotations\": [" + one + ", " + one.replace("yes", "no") + "]}");
        assertThatThrownBy(() -> EvaluationFiles.readVqaAnnotations(List.of(a))).hasMessageContaining("ann.json")
                .hasMessageContaining("question_id 7").hasMessageContaining("twice");
        Path b = file("ann2.json", "{\"annotations\": [" + one + "]}");
        assertThat(EvaluationFiles.readVqaAnnotations(List.of(b))).containsOnlyKeys("7");
        assertThatThrownBy(() -> EvaluationFiles.readVqaAnnotations(List.of(b, b))).hasMessageContaining("ann2.json");
    }

    @Test
    void duplicateKeysInAnObjectAreRefused() throws IOException {
        Path p = file("p.json", "{\"1\": \"yes\", \"1\": \"no\"}");
        assertThatThrownBy(() -> EvaluationFiles.readJson(p, "predictions")).hasMessageContaining("p.json")
                .hasMessageContaining("appears twice");
    }
}
