package org.vladapter.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

class ProgressBarTest {

    @Test
    void rendersFractionLossThroughputAndEta() {
        ProgressBar bar = new ProgressBar("epoch 1/4", 100, ProgressBar.Style.QUIET, System.out, 30);
        String line = bar.render(50, 100, 20.0, 0.42131f, 1000);
        assertThat(line).startsWith("epoch 1/4 [############............]  50/100  50%")
                .contains("loss 0.4213").contains("50.0 items/s").contains("elapsed 0:00:20").endsWith("ETA 0:00:20");
        assertThat(bar.render(0, 100, 0, Float.NaN, 0)).contains("loss -");
    }

    @Test
    void quietPrintsNothingAndLinesPrintsPlainLinesWithoutCarriageReturns() {
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        ProgressBar q = new ProgressBar("e", 3, ProgressBar.Style.QUIET, new PrintStream(quiet), 0);
        q.step(4, 1f);
        q.finish();
        assertThat(quiet.size()).isZero();

        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ProgressBar l = new ProgressBar("e", 3, ProgressBar.Style.LINES, new PrintStream(lines), 0);
        for (int i = 0; i < 3; i++) {
            l.step(4, 0.5f);
        }
        l.finish();
        String text = lines.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").contains("3/3 100%");
        assertThat(text.lines().count()).isEqualTo(3); // steps 1 and 2, then the final line

        ByteArrayOutputStream term = new ByteArrayOutputStream();
        ProgressBar t = new ProgressBar("e", 2, ProgressBar.Style.TERMINAL, new PrintStream(term), 0);
        t.step(1, 0.5f);
        t.step(1, 0.5f);
        t.finish();
        assertThat(term.toString(StandardCharsets.UTF_8)).startsWith("\r").endsWith(System.lineSeparator());
    }

    @Test
    void autoIsNeverAuto() {
        assertThat(ProgressBar.resolve(ProgressBar.Style.AUTO)).isIn(ProgressBar.Style.TERMINAL, ProgressBar.Style.LINES);
    }
}
