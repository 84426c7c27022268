package org.vladapter.report;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.vladapter.tasks.Task;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One palette keyed by task, used by every chart that draws tasks; percentages with two decimals. */
class TaskColoursTest {

    @Test
    void everyTaskHasItsOwnColour() {
        Set<Color> colours = new HashSet<>();
        for (Task t : Task.values()) {
            colours.add(TaskColours.of(t));
        }
        assertThat(colours).hasSize(Task.values().length).doesNotContainNull();
        assertThat(TaskColours.forSeries("nlvr")).contains(TaskColours.of(Task.NLVR2));
        assertThat(TaskColours.forSeries("average")).isEmpty();
    }

    @Test
    void aTaskHasTheSameColourInTheLossValidationAndBarCharts() {
        XYChart loss = Charts.lossPerTask(ChartsTest.history(), 300, 200, 1);
        XYChart validation = Charts.validationPerEpoch(ChartsTest.history(), 300, 200);
        Table t = Table.create("scores", StringColumn.create("method", List.of("a", "b")),
                DoubleColumn.create("gqa", new double[] {1, 2}), DoubleColumn.create("caption", new double[] {3, 4}));
        CategoryChart bars = BarCharts.grouped(t, "method", List.of("gqa", "caption"), "score", false, 300, 200);
        for (String task : List.of("vqa", "gqa", "nlvr", "caption")) {
            Color c = TaskColours.of(Task.of(task));
            assertThat(loss.getSeriesMap().get(task).getLineColor()).as("loss %s", task).isEqualTo(c);
            assertThat(validation.getSeriesMap().get(task).getLineColor()).as("validation %s", task).isEqualTo(c);
            assertThat(validation.getSeriesMap().get(task).getMarkerColor()).as("validation marker %s", task).isEqualTo(c);
        }
        assertThat(bars.getSeriesMap().get("gqa").getFillColor()).isEqualTo(TaskColours.of(Task.GQA));
        assertThat(bars.getSeriesMap().get("caption").getFillColor()).isEqualTo(TaskColours.of(Task.COCO_CAPTION));
    }

    @Test
    void theResultsTableRoundsPercentagesToTwoDecimals() {
        ResultsTable table = ResultsTable.of("t", List.of("vqa"),
                List.of(new MethodResult("single-adapter", java.util.Map.of("vqa", 60.0), 4.176739)));
        assertThat(table.table().doubleColumn(ResultsTable.PERCENT).get(0)).isEqualTo(4.18);
    }
}
