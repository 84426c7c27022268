package org.vladapter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.vladapter.train.EpochRecord;
import org.vladapter.train.LossRecord;
import org.vladapter.train.TrainingHistory;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

class ChartsTest {

    static TrainingHistory history() {
        TrainingHistory h = new TrainingHistory();
        String[] tasks = {"vqa", "gqa", "nlvr", "caption"};
        for (int step = 0; step < 40; step++) {
            String t = tasks[step % 4];
            h.addLoss(new LossRecord(step, step / 20, step % 20, t, (float) (3.0 / (1 + step * 0.1) + (step % 4) * 0.2), 1e-3, 1.0));
        }
        for (int e = 0; e < 2; e++) {
            h.addEpoch(new EpochRecord(e, 20, 200, 1.0, 200, Map.of(),
                    Map.of("vqa", 50.0 + e, "gqa", 40.0 + 2 * e, "nlvr", 60.0 + e, "caption", 100.0 + 5 * e), 0.5));
        }
        return h;
    }

    private static BufferedImage savedAndDecoded(XYChart chart, Path file) throws Exception {
        Charts.savePng(chart, file);
        assertThat(file).exists();
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img).as("decodes as PNG").isNotNull();
        return img;
    }

    @Test
    void lossAndValidationChartsHaveOneSeriesPerTaskAndTheRequestedSize(@TempDir Path tmp) throws Exception {
        XYChart loss = Charts.lossPerTask(history(), 640, 400, 3);
        assertThat(loss.getSeriesMap()).containsOnlyKeys("vqa", "gqa", "nlvr", "caption");
        assertThat(loss.getSeriesMap().get("vqa").getXData()).hasSize(10);
        BufferedImage img = savedAndDecoded(loss, tmp.resolve("loss.png"));
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);

        XYChart val = Charts.validationPerEpoch(history(), 500, 300);
        assertThat(val.getSeriesMap()).hasSize(4);
        img = savedAndDecoded(val, tmp.resolve("val.png"));
        assertThat(img.getWidth()).isEqualTo(500);
        assertThat(img.getHeight()).isEqualTo(300);
    }

    @Test
    void scoreVersusParametersIsALogScatterWithOnePointPerMethod(@TempDir Path tmp) throws Exception {
        ResultsTable t = ResultsTableTest.table1();
        XYChart chart = Charts.scoreVersusTrainedParameters(t, ResultsTable.AVERAGE, 800, 500);
        assertThat(chart.getStyler().isXAxisLogarithmic()).isTrue();
        // the partial row has no average and is left out
        assertThat(chart.getSeriesMap().keySet().stream().filter(k -> !k.startsWith(Charts.LEADER_PREFIX)))
                .containsExactlyInAnyOrder("Full fine-tuning", "Single Adapter", "Multiple LoRA");
        BufferedImage img = savedAndDecoded(chart, tmp.resolve("teaser.png"));
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(500);
        assertThat(Charts.image(chart).getWidth()).isEqualTo(800);
        try (var s = Files.list(tmp)) {
            assertThat(s.count()).as("no temporary files left").isEqualTo(1);
        }
        ResultsTable zero = ResultsTable.of("z", List.of(new org.vladapter.report.MethodResult("none", Map.of("VQA", 1.0), 0.0)));
        assertThatThrownBy(() -> Charts.scoreVersusTrainedParameters(zero, "VQA", 100, 100))
                .hasMessageContaining("method 'none' has 0.0 % trained parameters");
    }

    @Test
    void aRunWithoutAnAverageSaysSoOnTheChart(@TempDir Path tmp) throws Exception {
        ResultsTable partial = ResultsTable.of("p", List.of("vqa", "gqa"),
                List.of(new org.vladapter.report.MethodResult("single-lora", Map.of("vqa", 60.0), 5.9)));
        XYChart chart = Charts.scoreVersusTrainedParameters(partial, ResultsTable.AVERAGE, 400, 300);
        assertThat(chart.getTitle()).contains("no avg score: not every task has a score");
        assertThat(savedAndDecoded(chart, tmp.resolve("none.png")).getWidth()).isEqualTo(400);
    }
}
