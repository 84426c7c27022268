package org.vladapter.kernel;

import org.vladapter.recipe.VlTraining;
import org.vladapter.peft.ParameterSummary;

import java.util.Locale;

/** HTML and text views of the parameter summary and of a training run's result. */
final class SummaryHtml {

    private SummaryHtml() {}

    /**
     * @param s a parameter summary
     * @return the PEFT-style line in bold, then the per-module table
     */
    static String of(ParameterSummary s) {
        return String.format(Locale.ROOT,
                "<p><b>trainable params: %,d</b> || all params: %,d || <b>trainable%%: %.4f</b></p>",
                s.trainableParams(), s.allParams(), s.trainablePercent()) + TableHtml.of(s.table());
    }

    /**
     * @param r a training run's result
     * @return the results table, then the run folder, steps and final test scores
     */
    static String of(VlTraining.Result r) {
        StringBuilder sb = new StringBuilder(TableHtml.of(r.table().table()));
        sb.append("<p>").append(r.training().history().epochs().size()).append(" epochs, ")
                .append(r.training().history().losses().size()).append(" steps");
        if (r.runDir() != null) {
            sb.append("; run folder <code>").append(KernelSupport.html(r.runDir().toString())).append("</code>");
        }
        sb.append("</p>");
        return sb.toString();
    }

    /**
     * @param r a training run's result
     * @return the results table as text, then the run folder
     */
    static String text(VlTraining.Result r) {
        return r.table().toText() + (r.runDir() != null ? "run folder: " + r.runDir() + "\n" : "");
    }
}
