package org.vladapter.kernel;

/**
 * Where one JShell snippet came from: the cell (by execution count) and the 1-based cell line its source
 * starts on.
 *
 * @param cell the execution count of the cell
 * @param firstLine the cell line of the snippet's first line
 */
record SnippetPlace(int cell, int firstLine) {

    /**
     * @param snippetLine a 1-based line inside the snippet
     * @return the corresponding 1-based cell line
     */
    int cellLine(int snippetLine) {
        return firstLine + Math.max(1, snippetLine) - 1;
    }
}
