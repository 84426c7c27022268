package org.vladapter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

/** The notebooks' teaching visuals: grid heat maps, input strips, grouped bars, attention overlays. */
class TeachingVisualsTest {

    @Test
    void cellNormsAreRowMajorL2Norms() {
        float[][] f = new float[49][2];
        f[0] = new float[] {3, 4};   // cell (0, 0)
        f[8] = new float[] {0, 2};   // cell (1, 1)
        f[48] = new float[] {1, 0};  // cell (6, 6)
        double[][] g = GridHeatmap.cellNorms(f);
        assertThat(g).hasDimensions(7, 7);
        assertThat(g[0][0]).isEqualTo(5.0);
        assertThat(g[1][1]).isEqualTo(2.0);
        assertThat(g[6][6]).isEqualTo(1.0);
        assertThat(g[0][1]).isZero();
        assertThatThrownBy(() -> GridHeatmap.cellNorms(new float[48][2])).hasMessageContaining("48 cells");
        assertThat(GridHeatmap.square(new double[] {1, 2, 3, 4})[1]).containsExactly(3, 4);
    }

    @Test
    void heatmapPutsRowZeroAtTheTopAndRenders() {
        double[][] grid = {{0, 1}, {2, 3.14159}};
        HeatMapChart chart = GridHeatmap.chart(grid, "g", 300, 250);
        List<? extends Number[]> cells = chart.getHeatMapSeries().getHeatData();
        assertThat(cells).hasSize(4);
        // row 0 (values 0, 1) lies on the highest y category index
        assertThat(cells.get(0)).containsExactly(0, 1, 0.0);
        assertThat(cells.get(3)).containsExactly(1, 0, 3.1);       // two significant digits
        BufferedImage img = Charts.image(chart);
        assertThat(img.getWidth()).isEqualTo(300);
        assertThatThrownBy(() -> GridHeatmap.chart(new double[][] {{1, 2}, {3}}, "r", 100, 100)).hasMessageContaining("row 1");
    }

    @Test
    void inputStripElidesLongSegmentsButCountsThemFully() {
        InputStrip strip = InputStrip.builder()
                .segment("prompt", List.of())
                .segment("text", List.of("vqa", ":", "what", "colour", "?"))
                .segment("visual", InputStrip.numbered("v", 49))
                .maxShown(6)
                .build();
        assertThat(strip.segments()).extracting(InputStrip.Segment::label).containsExactly("text", "visual");
        assertThat(strip.length()).isEqualTo(54);
        assertThat(strip.shown(strip.segments().get(1))).containsExactly("v0", "v1", "v2", "…", "v46", "v47", "v48");
        assertThat(strip.shown(strip.segments().get(0))).hasSize(5);
        BufferedImage img = strip.image();
        assertThat(img.getWidth()).isGreaterThan(200);
        assertThat(new Color(img.getRGB(1, 1))).isEqualTo(Color.WHITE);
        assertThatThrownBy(() -> InputStrip.builder().build()).hasMessageContaining("at least one");
    }

    @Test
    void groupedBarsHaveOneSeriesPerColumnAndRejectNonPositiveOnLogAxis() {
        Table t = Table.create("percent",
                StringColumn.create("method", "adapter", "lora"),
                DoubleColumn.create("bart-base", 4.18, 5.93),
                DoubleColumn.create("t5-base", 7.98, 0.0));
        CategoryChart chart = BarCharts.grouped(t, "method", List.of("bart-base"), "%", true, 400, 300);
        assertThat(chart.getSeriesMap().keySet()).containsExactly("bart-base");
        assertThat(Charts.image(chart).getHeight()).isEqualTo(300);
        assertThatThrownBy(() -> BarCharts.grouped(t, "method", List.of("t5-base"), "%", true, 400, 300))
                .hasMessageContaining("row 'lora'");
        assertThat(BarCharts.grouped(t, "method", List.of("bart-base", "t5-base"), "%", false, 400, 300)
                .getSeriesMap()).hasSize(2);
        assertThatThrownBy(() -> BarCharts.grouped(t, "name", List.of("t5-base"), "%", false, 400, 300))
                .hasMessageContaining("no column 'name'");
    }

    @Test
    void overlayTintsTheHeaviestCellMost() {
        BufferedImage img = new BufferedImage(14, 14, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 14, 14);
        g.dispose();
        double[] w = new double[49];
        w[0] = 1.0;  // top-left cell
        w[48] = 0.5; // bottom-right cell
        BufferedImage out = AttentionOverlay.draw(img, w, 4, "what colour?");
        assertThat(out.getWidth()).isEqualTo(56);
        assertThat(out.getHeight()).isEqualTo(56 + 22);
        Color topLeft = new Color(out.getRGB(4, 4));
        Color bottomRight = new Color(out.getRGB(52, 52));
        Color middle = new Color(out.getRGB(28, 28));
        assertThat(topLeft.getGreen()).isLessThan(bottomRight.getGreen());
        assertThat(bottomRight.getGreen()).isLessThan(middle.getGreen());
        assertThat(middle.getRed()).isEqualTo(255);
        assertThatThrownBy(() -> AttentionOverlay.draw(img, new double[] {-1, 0, 0, 0}, 1, null)).hasMessageContaining("weight 0");
    }

    @Test
    void imageGridLaysOutRowsAndCaptions() {
        BufferedImage red = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = red.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 10, 10);
        g.dispose();
        BufferedImage grid = ImageGrid.of(List.of(red, red, red), List.of(List.of("a"), List.of("b", "c"), List.of()), 2, 3);
        // cells are at least 160 wide; two columns, two rows of 30-pixel images plus two caption lines
        assertThat(grid.getWidth()).isEqualTo(8 + 2 * (160 + 8));
        assertThat(grid.getHeight()).isEqualTo(8 + 2 * (30 + 2 * 16 + 8 + 4));
        assertThat(new Color(grid.getRGB(8 + 15, 8 + 15))).isEqualTo(Color.RED);
        assertThat(new Color(grid.getRGB(8 + 168 + 15, 8 + 15))).isEqualTo(Color.RED);
        assertThat(new Color(grid.getRGB(8 + 168 + 15, 8 + 74 + 15))).isEqualTo(Color.WHITE); // no fourth image
        assertThatThrownBy(() -> ImageGrid.of(List.of(red), List.of(), 1, 1)).hasMessageContaining("1 images but 0");
    }

    @Test
    void heatmapValuesOfAMatrix() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            double[][] v = GridHeatmap.values(m.create(new float[] {1, 2, 3, 4, 5, 6}, new ai.djl.ndarray.types.Shape(2, 3)));
            assertThat(v[1]).containsExactly(4, 5, 6);
            assertThatThrownBy(() -> GridHeatmap.values(m.create(new float[] {1, 2}))).hasMessageContaining("2-D");
        }
    }
}
