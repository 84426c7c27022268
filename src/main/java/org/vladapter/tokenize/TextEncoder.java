package org.vladapter.tokenize;

/**
 * Text to token ids and back, with the backbone's special-token conventions: BART encodes
 * {@code <s> ... </s>}, T5 encodes {@code ... </s>}. Task readers and generation depend on this
 * interface only, so tests can use tiny vocabularies.
 */
public interface TextEncoder {

    /**
     * Encodes text with the model's special tokens.
     *
     * @param text the text
     * @param maxLength the maximum number of ids including special tokens, as HF's
     *     {@code encode(text, max_length=n, truncation=True)}; {@code <= 0} means no truncation
     * @return token ids
     */
    long[] encode(String text, int maxLength);

    /**
     * Decodes ids, skipping special tokens (pad, bos, eos), as HF's {@code skip_special_tokens=True}.
     *
     * @param ids token ids
     * @return the text
     */
    String decode(long[] ids);

    /** @return the padding id */
    long padId();

    /** @return the end-of-sequence id */
    long eosId();

    /** @return the vocabulary size including added tokens */
    int vocabSize();
}
