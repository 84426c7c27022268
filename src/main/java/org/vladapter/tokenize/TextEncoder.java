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
     * Decodes ids, skipping special tokens (pad, bos, eos), as the original's
     * {@code tokenizer.batch_decode(ids, skip_special_tokens=True)} under transformers 4.2.1, whose default
     * {@code clean_up_tokenization_spaces=True} also removes the spaces before punctuation and contractions
     * ({@link VlTokenizer#cleanUpTokenization}).
     *
     * @param ids token ids
     * @return the text
     */
    String decode(long[] ids);

    /**
     * Decodes ids skipping special tokens, without the clean-up of {@link #decode} (transformers 5's default).
     *
     * @param ids token ids
     * @return the text
     * @throws UnsupportedOperationException when the encoder has no such mode (the default)
     */
    default String decodeWithoutCleanUp(long[] ids) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " decodes with the clean-up only");
    }

    /** @return the padding id */
    long padId();

    /** @return the end-of-sequence id */
    long eosId();

    /** @return the vocabulary size including added tokens */
    int vocabSize();
}
