package org.vladapter.tokenize;

import java.util.Locale;

/** The special-token conventions of the two backbones' tokenizers (docs/behaviour.md#tokens). */
public enum TokenizerFamily {
    /** BART: {@code <s> text </s>}; bos 0, pad 1, eos 2, unk 3 in facebook/bart-base. */
    BART("<s>", "<pad>", "</s>", "<unk>"),
    /** T5: {@code text </s>}, no bos; pad 0, eos 1, unk 2 in t5-base. */
    T5(null, "<pad>", "</s>", "<unk>");

    private final String bosToken;
    private final String padToken;
    private final String eosToken;
    private final String unkToken;

    TokenizerFamily(String bosToken, String padToken, String eosToken, String unkToken) {
        this.bosToken = bosToken;
        this.padToken = padToken;
        this.eosToken = eosToken;
        this.unkToken = unkToken;
    }

    /** @return the beginning-of-sequence token, or {@code null} for T5 */
    public String bosToken() {
        return bosToken;
    }

    /** @return the padding token */
    public String padToken() {
        return padToken;
    }

    /** @return the end-of-sequence token */
    public String eosToken() {
        return eosToken;
    }

    /** @return the unknown token */
    public String unkToken() {
        return unkToken;
    }

    /**
     * Parses a model type as written in configs and on the command line.
     *
     * @param name {@code bart} or {@code t5} (any case)
     * @return the family
     * @throws IllegalArgumentException for any other name
     */
    public static TokenizerFamily fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "bart": return BART;
            case "t5": return T5;
            default:
                throw new IllegalArgumentException("unknown model type '" + name + "' (expected 'bart' or 't5')");
        }
    }
}
