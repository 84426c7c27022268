package org.vladapter.shapes;

/**
 * One subtitle line of a clip's narration.
 *
 * @param text the line
 * @param start start time (s)
 * @param end end time (s)
 */
public record SubtitleLine(String text, double start, double end) {}
