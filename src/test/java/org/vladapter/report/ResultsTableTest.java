package org.vladapter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class ResultsTableTest {

    static Map<String, Double> scores(double vqa, double gqa, double nlvr, double cider) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("VQA", vqa);
        m.put("GQA", gqa);
        m.put("NLVR2", nlvr);
        m.put("COCO CIDEr", cider);
        return m;
    }

    /** Rows of the paper's Table 1 (docs/behaviour.md#parameter-percentages). */
    static ResultsTable table1() {
        Map<String, Double> partial = new LinkedHashMap<>();
        partial.put("VQA", 44.0);
        return ResultsTable.of("Table 1 (CLIP-BART)", List.of(
                new MethodResult("Full fine-tuning", scores(67.6, 56.7, 73.0, 112.9), 100.0),
                new MethodResult("Single Adapter", scores(65.9, 54.5, 74.2, 114.9), 4.18),
                new MethodResult("Multiple LoRA", scores(65.5, 53.0, 62.8, 115.4), 17.72),
                new MethodResult("Single Prompt (partial)", partial, 2.0)));
    }

    @Test
    void averagesTheTaskColumnsLikeThePaper() {
        ResultsTable t = table1();
        assertThat(t.table().columnNames())
                .containsExactly("method", "VQA", "GQA", "NLVR2", "COCO CIDEr", "avg", "% params");
        assertThat(t.table().rowCount()).isEqualTo(4);
        assertThat(t.average("Full fine-tuning")).isCloseTo(77.55, within(1e-9));
        assertThat(t.average("Single Adapter")).isCloseTo(77.375, within(1e-9));
        assertThat(t.average("Multiple LoRA")).isCloseTo(74.175, within(1e-9));
        assertThat(t.average("Single Prompt (partial)")).isNaN();
        assertThat(t.score("Single Adapter", "NLVR2")).isEqualTo(74.2);
        assertThat(t.score("Single Prompt (partial)", "GQA")).isNaN();
        assertThatThrownBy(() -> t.average("nope")).hasMessageContaining("no method 'nope'");
        assertThatThrownBy(() -> ResultsTable.of("x", List.of("VQA"),
                List.of(new MethodResult("m", Map.of("GQA", 1.0), 1.0))))
                .hasMessageContaining("method 'm' has a score for 'GQA'");
    }

    @Test
    void rendersTextCsvAndHtml(@TempDir Path tmp) throws Exception {
        ResultsTable t = table1();
        String text = t.toText();
        assertThat(text).contains("Full fine-tuning").contains("77.6").contains("77.4").contains("4.18").contains("100.00");
        assertThat(text.lines().filter(l -> l.startsWith("Single Prompt")).findFirst().orElseThrow()).contains(" - ");

        Path csv = tmp.resolve("out").resolve("table1.csv");
        t.saveCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("method,VQA,GQA,NLVR2,COCO CIDEr,avg,% params");
        assertThat(lines.get(2)).startsWith("Single Adapter,65.9,54.5,74.2,114.9,77.375,4.18");
        assertThat(lines).hasSize(5);

        Path html = tmp.resolve("table1.html");
        t.saveHtml(html);
        String h = Files.readString(html);
        assertThat(h).contains("<table").contains("<th>COCO CIDEr</th>").contains("Single Adapter").contains("77.4");
        assertThat(h).startsWith("<!DOCTYPE html>").contains("<title>" + t.table().name() + "</title>").endsWith("</html>\n");
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out", "table1.html");
        }
    }
}
