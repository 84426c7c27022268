package org.vladapter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

class PublishedResultsTest {

    @Test
    void averagesAreAsPublishedAndWithinRoundingOfTheMeanOfTheCells() {
        Table t = PublishedResults.imageText();
        assertThat(t.columnNames()).containsExactly("method", "vqa", "gqa", "nlvr", "caption", "average");
        // published averages: full fine-tuning 77.6, single adapter 77.4, single prompt 59.0
        assertThat(t.doubleColumn("average").get(0)).isCloseTo(77.6, org.assertj.core.data.Offset.offset(0.051));
        assertThat(t.doubleColumn("average").get(3)).isCloseTo(77.4, org.assertj.core.data.Offset.offset(0.051));
        assertThat(t.doubleColumn("average").get(8)).isCloseTo(59.0, org.assertj.core.data.Offset.offset(0.051));
        assertThat(t.stringColumn("method").asList()).doesNotContain("multiple-compacters", "multiple-prompts");
        assertThat(PublishedResults.video().doubleColumn("average").get(2)).isEqualTo(83.4);
        for (Table p : List.of(t, PublishedResults.video())) {
            for (int r = 0; r < p.rowCount(); r++) {
                double mean = 0;
                for (int c = 1; c <= 4; c++) {
                    mean += p.doubleColumn(c).get(r) / 4;
                }
                // cells are rounded to one decimal, so their mean is within 0.05 + rounding of the printed average
                assertThat(p.doubleColumn("average").get(r)).as(p.name() + " row " + r).isCloseTo(mean, org.assertj.core.data.Offset.offset(0.1));
            }
        }
    }

    @Test
    void besidePairsEachColumnWithThePaperValueOfTheSameMethod() {
        Table ours = Table.create("ours",
                StringColumn.create("method", "single-adapter", "multiple-prompts"),
                DoubleColumn.create("vqa", 50.0, 30.0),
                DoubleColumn.create("average", 60.0, 40.0));
        Table b = PublishedResults.beside(ours, PublishedResults.imageText(), List.of("vqa", "average"));
        assertThat(b.columnNames()).containsExactly("method", "vqa", "vqa (paper)", "average", "average (paper)");
        assertThat(b.doubleColumn("vqa (paper)").get(0)).isEqualTo(65.9);
        assertThat(b.doubleColumn("vqa").get(0)).isEqualTo(50.0);
        assertThat(b.doubleColumn("vqa (paper)").isMissing(1)).isTrue();
        assertThatThrownBy(() -> PublishedResults.beside(ours, PublishedResults.imageText(), List.of("gqa")))
                .hasMessageContaining("no column 'gqa'");
    }
}
