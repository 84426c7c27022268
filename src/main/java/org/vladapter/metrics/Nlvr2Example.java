package org.vladapter.metrics;

import java.util.Objects;

/**
 * One labelled NLVR2 example.
 *
 * @param identifier the NLVR2 identifier, e.g. {@code "dev-850-0-0"} (split-set-pair-sentence... with the third
 *     {@code '-'} field being the image-pair index)
 * @param label the gold label (true / false)
 */
public record Nlvr2Example(String identifier, boolean label) {

    /**
     * @param identifier NLVR2 identifier
     * @param label gold label
     */
    public Nlvr2Example {
        Objects.requireNonNull(identifier, "identifier");
    }
}
