package org.vladapter.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** With a {@link ProgressDisplay} installed (a notebook kernel), AUTO bars update it instead of printing. */
class ProgressDisplayTest {

    @AfterEach
    void uninstall() {
        ProgressBar.useDisplay(null);
    }

    @Test
    void autoBarsUpdateTheInstalledDisplayInPlace() {
        List<String> opened = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        ProgressBar.useDisplay(line -> {
            opened.add(line);
            return (text, fraction) -> {
                lines.add(text);
                fractions.add(fraction);
            };
        });
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("epoch 1/1", 4, ProgressBar.Style.AUTO,
                new PrintStream(printed, true, StandardCharsets.UTF_8), 0);
        assertThat(bar.style()).isEqualTo(ProgressBar.Style.DISPLAY);
        for (int i = 0; i < 4; i++) {
            bar.step(2, 0.5f);
        }
        bar.finish();
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0)).startsWith("epoch 1/1 [").contains("0/4");
        // the last update is the bar's closing summary: what was done, in which unit, and how long it took
        assertThat(lines.get(lines.size() - 1)).contains("done 4/4 steps (100%").contains("loss 0.5000");
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
        assertThat(printed.size()).isZero();
    }

    @Test
    void explicitStylesIgnoreTheDisplayAndDisplayFallsBackToLines() {
        ProgressBar.useDisplay(line -> (text, fraction) -> { });
        assertThat(ProgressBar.resolve(ProgressBar.Style.QUIET)).isEqualTo(ProgressBar.Style.QUIET);
        assertThat(ProgressBar.resolve(ProgressBar.Style.LINES)).isEqualTo(ProgressBar.Style.LINES);
        ProgressBar.useDisplay(null);
        assertThat(ProgressBar.resolve(ProgressBar.Style.DISPLAY)).isEqualTo(ProgressBar.Style.LINES);
    }
}
