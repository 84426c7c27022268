package org.vladapter.kernel;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.Locale;

/** A Tablesaw table as an HTML {@code <table>} for notebooks (the first {@value #MAX_ROWS} rows). */
final class TableHtml {

    /** Rows shown; the rest are counted under the table. */
    static final int MAX_ROWS = 60;

    private TableHtml() {}

    /**
     * @param table a table
     * @return an HTML fragment: caption (the table's name), header, rows; doubles with at most 4 decimals
     */
    static String of(Table table) {
        StringBuilder sb = new StringBuilder("<table class=\"vladapter-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            sb.append("<caption>").append(KernelSupport.html(table.name())).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (String name : table.columnNames()) {
            sb.append("<th>").append(KernelSupport.html(name)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        int rows = Math.min(MAX_ROWS, table.rowCount());
        for (int r = 0; r < rows; r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                boolean number = c.type().name().matches("DOUBLE|FLOAT|INTEGER|LONG|SHORT");
                sb.append(number ? "<td style=\"text-align:right\">" : "<td>")
                        .append(KernelSupport.html(cell(c, r))).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        if (table.rowCount() > rows) {
            sb.append("<p>… ").append(table.rowCount() - rows).append(" more rows</p>");
        }
        return sb.toString();
    }

    private static String cell(Column<?> c, int row) {
        if (c.isMissing(row)) {
            return "";
        }
        Object v = c.get(row);
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d)
                    : String.format(Locale.ROOT, "%.4g", d).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        return String.valueOf(v);
    }
}
