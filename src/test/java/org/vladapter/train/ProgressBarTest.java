package org.vladapter.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

class ProgressBarTest {

    @Test
    void rendersFractionLossThroughputAndEta() {
        ProgressBar bar = new ProgressBar("epoch 1/4", 100, ProgressBar.Style.QUIET, System.out, 30);
        String line = bar.render(50, 100, 20.0, 0.42131f, 1000);
        assertThat(line).startsWith("epoch 1/4 [############............]  50/100  50%")
                .contains("loss 0.4213").contains("50.0 items/s").contains("elapsed 0:00:20").endsWith("ETA 0:00:20");
        assertThat(bar.render(0, 100, 0, Float.NaN, 0)).contains("loss -").endsWith("ETA -"); // nothing measured yet
        assertThat(bar.render(100, 100, 20.0, 0.5f, 1000)).endsWith("ETA 0:00:00");
    }

    @Test
    void anExampleBarCountsExamplesUpToItsTotalAndSaysWhatWasDone() {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ProgressBar eval = new ProgressBar("eval vqa", 10, ProgressBar.Unit.EXAMPLES, ProgressBar.Style.LINES,
                new PrintStream(lines, true, StandardCharsets.UTF_8), 0);
        eval.step(4, Float.NaN);
        eval.step(4, Float.NaN);
        eval.step(2, Float.NaN); // a last, smaller batch
        eval.finish();
        List<String> out = lines.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(out.get(0)).contains(" 4/10 examples  40%").contains("examples/s");
        assertThat(out.get(1)).contains(" 8/10 examples  80%");
        assertThat(out.get(out.size() - 1)).matches("eval vqa: done 10/10 examples \\(100%\\) in \\d+:\\d\\d:\\d\\d \\(\\d+\\.\\d examples/s\\)");
        ProgressBar cut = new ProgressBar("epoch 1/2", 5, ProgressBar.Style.QUIET, System.out, 0);
        cut.step(3, 0.25f);
        assertThat(cut.summary(2.0)).isEqualTo("epoch 1/2: stopped at 1/5 steps (20%, 3 examples) in 0:00:02 (1.5 examples/s), last loss 0.2500");
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
        assertThat(text).doesNotContain("\r").contains("2/3  67%").contains("e: done 3/3 steps (100%, 12 examples) in ");
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
