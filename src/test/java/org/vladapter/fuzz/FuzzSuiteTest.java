package org.vladapter.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * The seeded fuzz suite at test scale: every input class's fixed regression cases (the inputs that crashed, hung or
 * were silently accepted before) and random mutations, run in a child JVM so a native abort is reported as a crash
 * instead of ending the test run. Every case must end in a clear error naming its file or in accepting a valid
 * input; {@code bin/vladapter bench --suite fuzz --cases N} runs the same suite at scale.
 */
class FuzzSuiteTest {

    static final int CASES_PER_CLASS = 25;

    @Test
    void everyLoaderRefusesBadInputClearlyAndNeverCrashes() throws Exception {
        FuzzSuite.Report report = FuzzSuite.run(12, CASES_PER_CLASS, FuzzSuite.CLASSES, 20);
        System.err.println(report.table());
        assertThat(report.failures()).as("cases that crashed, hung, were unclear or silently accepted").isEmpty();
        Map<String, Map<Outcome, Integer>> counts = report.counts();
        assertThat(counts.keySet()).containsExactlyElementsOf(FuzzSuite.CLASSES);
        for (Map.Entry<String, Map<Outcome, Integer>> e : counts.entrySet()) {
            assertThat(e.getValue().values().stream().mapToInt(Integer::intValue).sum()).as(e.getKey())
                    .isEqualTo(CASES_PER_CLASS);
            // each class exercised both verdicts: refusals and valid inputs read as the original
            assertThat(e.getValue()).as(e.getKey()).containsKeys(Outcome.CLEAR_ERROR, Outcome.ACCEPTED_VALID);
        }
    }

    @Test
    void sameSeedSameCases() throws Exception {
        for (String name : FuzzSuite.CLASSES) {
            if (name.equals("checkpoint") || name.equals("hdf5-directory") || name.equals("hdf5-file")) {
                continue; // their originals hold random weights or are written through temporary files
            }
            var a = FuzzSuite.inputClass(name).cases(new java.util.Random(5), 40);
            var b = FuzzSuite.inputClass(name).cases(new java.util.Random(5), 40);
            assertThat(a).hasSize(40);
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i).label()).isEqualTo(b.get(i).label());
                assertThat(java.util.Arrays.equals(a.get(i).files().get(a.get(i).target()),
                        b.get(i).files().get(b.get(i).target()))).as(name + " case " + i).isTrue();
            }
        }
    }
}
