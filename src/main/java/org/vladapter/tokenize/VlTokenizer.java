package org.vladapter.tokenize;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import org.vladapter.io.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The VL-BART / VL-T5 tokenizer: a HuggingFace {@code tokenizer.json} run by DJL's Rust tokenizers, plus the 200
 * special tokens VL-Adapter adds (docs/behaviour.md#tokens).
 *
 * <p><b>Added tokens.</b> With {@code V} the vocabulary size before any {@code <extra_id_*>} token (50265 for
 * facebook/bart-base, 32000 for t5-base), {@code <extra_id_k>} has id {@code V + 99 - k} and {@code <vis_extra_id_k>}
 * has id {@code V + 199 - k}, for k in 0..99; the vocabulary then has {@code V + 200} entries (50465, 32200). This is
 * what appending {@code <extra_id_99>, ..., <extra_id_0>, <vis_extra_id_99>, ..., <vis_extra_id_0>} in that order
 * gives for BART, and the layout of T5's sentinels plus VLT5's visual tokens. Tokens the file already holds are
 * kept and their ids verified; missing ones are appended to {@code added_tokens} before the file is handed to the
 * Rust library, as special tokens, so they are never split ({@code "a<vis_extra_id_3>b"} is three tokens) and
 * decoding with skipped special tokens drops them, as HF's {@code skip_special_tokens=True} does. After loading,
 * the ids of all 200 tokens are checked by encoding them.
 *
 * <p><b>Encoding</b> is HF's {@code tokenizer(text, max_length=n, truncation=True)}: BART {@code <s> ... </s>},
 * T5 {@code ... </s>}; truncation keeps the special tokens (done by the Rust library itself, one configured
 * instance per distinct {@code maxLength}). No prefix space, lower-casing or accent stripping is added.
 *
 * <p><b>Decoding</b> is what the original's {@code tokenizer.batch_decode(ids, skip_special_tokens=True)} gave under
 * transformers 4.2.1: special tokens skipped, then {@code clean_up_tokenization} applied, because 4.2.1's
 * {@code decode} defaults to {@code clean_up_tokenization_spaces=True} for the slow BART tokenizer and the fast T5
 * tokenizer alike ({@link #cleanUpTokenization}: {@code " ."} to {@code "."}, {@code " 's"} to {@code "'s"},
 * {@code " n't"} to {@code "n't"}, ...). The predictions the original scored (VQA, GQA, video QA, captions) are that
 * text. {@link #decodeWithoutCleanUp} gives the text without the clean-up, as transformers 5 decodes by default
 * (which also ignores the flag for BPE tokenizers); {@link #decode(long[], boolean, boolean)} chooses both.
 *
 * <p>Instances are thread-safe and hold native memory: close them.
 */
public final class VlTokenizer implements TextEncoder, AutoCloseable {

    /** Number of {@code <extra_id_k>} tokens. */
    public static final int EXTRA_COUNT = 100;
    /** Number of {@code <vis_extra_id_k>} tokens. */
    public static final int VIS_COUNT = 100;

    private static final int MODEL_MAX_LENGTH = 1 << 20;

    private final TokenizerFamily family;
    private final String source;
    private final String json;
    private final HuggingFaceTokenizer untruncated;
    private final HuggingFaceTokenizer plain;
    private final Map<Integer, HuggingFaceTokenizer> truncating = new ConcurrentHashMap<>();
    private final long baseSize;
    private final int vocabSize;
    private final long bosId;
    private final long padId;
    private final long eosId;
    private final long unkId;
    private volatile boolean closed;

    private VlTokenizer(TokenizerFamily family, String source, String json, long baseSize, int vocabSize,
            long bosId, long padId, long eosId, long unkId) throws IOException {
        this.family = family;
        this.source = source;
        this.json = json;
        this.baseSize = baseSize;
        this.vocabSize = vocabSize;
        this.bosId = bosId;
        this.padId = padId;
        this.eosId = eosId;
        this.unkId = unkId;
        this.untruncated = create(true, 0);
        this.plain = create(false, 0);
    }

    /**
     * Loads {@code tokenizer.json} from a model folder (or the file itself).
     *
     * @param folderOrFile a folder holding {@code tokenizer.json}, or the file
     * @param modelType {@code bart} or {@code t5}
     * @return the tokenizer
     * @throws IOException when the file is missing or invalid, or its added tokens contradict the spec's ids
     */
    public static VlTokenizer load(Path folderOrFile, String modelType) throws IOException {
        return load(folderOrFile, TokenizerFamily.fromName(modelType));
    }

    /**
     * Loads {@code tokenizer.json} from a model folder (or the file itself).
     *
     * @param folderOrFile a folder holding {@code tokenizer.json}, or the file
     * @param family the special-token conventions
     * @return the tokenizer
     * @throws IOException when the file is missing or invalid, or its added tokens contradict the spec's ids
     */
    public static VlTokenizer load(Path folderOrFile, TokenizerFamily family) throws IOException {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve("tokenizer.json") : folderOrFile;
        if (!Files.isRegularFile(file)) {
            throw new IOException("no tokenizer at " + file + " (expected a HuggingFace tokenizer.json)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException("tokenizer " + file + " is not valid UTF-8 text", e);
        }
        return fromJson(text, family, file.toString());
    }

    /**
     * Builds a tokenizer from the text of a {@code tokenizer.json}.
     *
     * @param tokenizerJson the JSON
     * @param family the special-token conventions
     * @param source where the JSON came from, for messages
     * @return the tokenizer
     * @throws IOException when the JSON is invalid or its added tokens contradict the spec's ids
     */
    public static VlTokenizer fromJson(String tokenizerJson, TokenizerFamily family, String source)
            throws IOException {
        TokenizerJson tj = new TokenizerJson(tokenizerJson, source);
        long pad = requireId(tj, family.padToken(), family);
        long eos = requireId(tj, family.eosToken(), family);
        long unk = requireId(tj, family.unkToken(), family);
        long bos = family.bosToken() == null ? -1 : requireId(tj, family.bosToken(), family);
        long base = addVlTokens(tj);
        long size = tj.size();
        VlTokenizer t = new VlTokenizer(family, source, tj.toJson(), base, Math.toIntExact(size), bos, pad, eos, unk);
        try {
            t.verifyAddedIds();
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    private static long requireId(TokenizerJson tj, String token, TokenizerFamily family) throws IOException {
        long id = tj.idOf(token);
        if (id < 0) {
            throw new IOException("tokenizer " + tj.source() + " has no '" + token + "' token, which a " + family
                    + " tokenizer needs");
        }
        return id;
    }

    /** Appends or verifies the 200 VL tokens; returns V. */
    private static long addVlTokens(TokenizerJson tj) throws IOException {
        long base;
        long first = tj.idOf(extraToken(EXTRA_COUNT - 1));
        if (first >= 0) {
            base = first;
            for (int k = 0; k < EXTRA_COUNT; k++) {
                expectId(tj, extraToken(k), base + EXTRA_COUNT - 1 - k);
            }
        } else {
            base = tj.size();
            for (int k = EXTRA_COUNT - 1; k >= 0; k--) {
                expectAbsent(tj, extraToken(k));
                tj.ensureSpecial(extraToken(k), base + EXTRA_COUNT - 1 - k);
            }
        }
        long visBase = base + EXTRA_COUNT;
        if (tj.idOf(visToken(VIS_COUNT - 1)) >= 0) {
            for (int k = 0; k < VIS_COUNT; k++) {
                expectId(tj, visToken(k), visBase + VIS_COUNT - 1 - k);
            }
        } else {
            if (tj.size() != visBase) {
                throw new IOException("tokenizer " + tj.source() + ": <vis_extra_id_99> would get id " + tj.size()
                        + " but VL-Adapter needs " + visBase + " (<extra_id_99> is " + base + "); the vocabulary has"
                        + " other tokens after the <extra_id_*> block");
            }
            for (int k = VIS_COUNT - 1; k >= 0; k--) {
                expectAbsent(tj, visToken(k));
                tj.ensureSpecial(visToken(k), visBase + VIS_COUNT - 1 - k);
            }
        }
        for (int k = 0; k < EXTRA_COUNT; k++) {
            tj.ensureSpecial(extraToken(k), tj.idOf(extraToken(k)));
        }
        for (int k = 0; k < VIS_COUNT; k++) {
            tj.ensureSpecial(visToken(k), tj.idOf(visToken(k)));
        }
        return base;
    }

    private static void expectId(TokenizerJson tj, String token, long expected) throws IOException {
        long id = tj.idOf(token);
        if (id != expected) {
            throw new IOException("tokenizer " + tj.source() + ": " + token + " has id "
                    + (id < 0 ? "none" : Long.toString(id)) + ", expected " + expected
                    + " (docs/behaviour.md#tokens: <extra_id_k> = V+99-k, <vis_extra_id_k> = V+199-k)");
        }
    }

    private static void expectAbsent(TokenizerJson tj, String token) throws IOException {
        if (tj.idOf(token) >= 0) {
            throw new IOException("tokenizer " + tj.source() + ": " + token + " exists with id " + tj.idOf(token)
                    + " but the rest of its block is missing");
        }
    }

    private void verifyAddedIds() throws IOException {
        StringBuilder all = new StringBuilder();
        long[] expected = new long[EXTRA_COUNT + VIS_COUNT];
        for (int k = 0; k < EXTRA_COUNT; k++) {
            all.append(extraToken(k));
            expected[k] = extraTokenId(k);
        }
        for (int k = 0; k < VIS_COUNT; k++) {
            all.append(visToken(k));
            expected[EXTRA_COUNT + k] = visTokenId(k);
        }
        long[] got = encodeWithoutSpecialTokens(all.toString());
        if (!Arrays.equals(got, expected)) {
            throw new IOException("tokenizer " + source + ": the Rust tokenizer gives the VL tokens ids "
                    + summary(got) + ", expected " + summary(expected));
        }
    }

    private static String summary(long[] ids) {
        return ids.length <= 6 ? Arrays.toString(ids)
                : "[" + ids[0] + ", " + ids[1] + ", ..., " + ids[ids.length - 1] + "] (" + ids.length + " ids)";
    }

    private HuggingFaceTokenizer create(boolean specialTokens, int maxLength) throws IOException {
        Map<String, String> options = new HashMap<>();
        options.put("addSpecialTokens", Boolean.toString(specialTokens));
        options.put("padding", "false");
        options.put("modelMaxLength", Integer.toString(MODEL_MAX_LENGTH));
        if (maxLength > 0) {
            options.put("truncation", "true");
            options.put("maxLength", Integer.toString(maxLength));
        } else {
            options.put("truncation", "false");
        }
        try {
            return HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), options);
        } catch (RuntimeException e) {
            throw new IOException("tokenizer " + source + " could not be loaded by the Rust tokenizers library: "
                    + e.getMessage(), e);
        }
    }

    private HuggingFaceTokenizer truncatingTo(int maxLength) {
        if (maxLength > MODEL_MAX_LENGTH) {
            throw new IllegalArgumentException("maxLength " + maxLength + " exceeds " + MODEL_MAX_LENGTH);
        }
        return truncating.computeIfAbsent(maxLength, n -> {
            checkOpen();
            try {
                return create(true, n);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** @return the text of the {@code tokenizer.json} in use, with the VL tokens added */
    public String tokenizerJson() {
        return json;
    }

    /**
     * Writes the {@code tokenizer.json} in use (with the VL tokens) atomically, e.g. next to an exported model.
     *
     * @param target the file
     * @throws IOException when writing fails
     */
    public void save(Path target) throws IOException {
        AtomicFiles.writeString(target, json);
    }

    /** @return how many special tokens {@link #encode(String, int)} adds: 2 for BART, 1 for T5 */
    public int specialTokenCount() {
        return family.bosToken() == null ? 1 : 2;
    }

    /** @return the special-token conventions */
    public TokenizerFamily family() {
        return family;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code maxLength} is positive but shorter than the special tokens
     *     (2 for BART, 1 for T5); HF gives inconsistent results there across versions
     */
    @Override
    public long[] encode(String text, int maxLength) {
        checkOpen();
        if (maxLength > 0 && maxLength < specialTokenCount()) {
            throw new IllegalArgumentException("maxLength " + maxLength + " is shorter than the "
                    + specialTokenCount() + " special tokens " + family + " adds");
        }
        HuggingFaceTokenizer t = maxLength > 0 ? truncatingTo(maxLength) : untruncated;
        return t.encode(text, true, false).getIds();
    }

    /**
     * Encodes without truncation.
     *
     * @param text the text
     * @return ids with the model's special tokens
     */
    public long[] encode(String text) {
        return encode(text, 0);
    }

    /**
     * Encodes without special tokens and without truncation, as HF's {@code add_special_tokens=False}.
     *
     * @param text the text
     * @return ids
     */
    public long[] encodeWithoutSpecialTokens(String text) {
        checkOpen();
        return plain.encode(text, false, false).getIds();
    }

    /**
     * The token strings of an encoding, for inspection.
     *
     * @param text the text
     * @return tokens with the model's special tokens
     */
    public List<String> tokens(String text) {
        checkOpen();
        return Arrays.asList(untruncated.encode(text, true, false).getTokens());
    }

    /**
     * The first id of a word encoded without special tokens (how VL-Adapter finds {@code true_id}/{@code false_id}).
     *
     * @param word the word
     * @return its first token id
     */
    public long firstTokenId(String word) {
        long[] ids = encodeWithoutSpecialTokens(word);
        if (ids.length == 0) {
            throw new IllegalArgumentException("'" + word + "' encodes to no tokens");
        }
        return ids[0];
    }

    /**
     * Encodes a batch, padding on the right with {@link #padId()} to the longest row.
     *
     * @param texts the texts
     * @param maxLength as in {@link #encode(String, int)}; {@code <= 0} means no truncation
     * @return ids and attention mask
     */
    public BatchEncoding encodeBatch(List<String> texts, int maxLength) {
        long[][] rows = new long[texts.size()][];
        int longest = 0;
        for (int i = 0; i < rows.length; i++) {
            rows[i] = encode(texts.get(i), maxLength);
            longest = Math.max(longest, rows[i].length);
        }
        long[][] ids = new long[rows.length][longest];
        long[][] mask = new long[rows.length][longest];
        for (int i = 0; i < rows.length; i++) {
            Arrays.fill(ids[i], padId);
            System.arraycopy(rows[i], 0, ids[i], 0, rows[i].length);
            Arrays.fill(mask[i], 0, rows[i].length, 1L);
        }
        return new BatchEncoding(ids, mask);
    }

    /**
     * Decodes as the original's {@code batch_decode(ids, skip_special_tokens=True)} under transformers 4.2.1:
     * special tokens skipped, tokenization spaces cleaned up.
     */
    @Override
    public String decode(long[] ids) {
        return decode(ids, true, true);
    }

    /** Decodes skipping special tokens, without the clean-up (transformers 5's default). */
    @Override
    public String decodeWithoutCleanUp(long[] ids) {
        return decode(ids, true, false);
    }

    /**
     * Decodes ids.
     *
     * @param ids token ids
     * @param skipSpecialTokens drop pad/bos/eos/unk and the 200 VL tokens (all tokens marked special)
     * @param cleanUpTokenizationSpaces apply HF's {@code clean_up_tokenization} (" ." to ".", " 's" to "'s", ...)
     * @return the text
     */
    public String decode(long[] ids, boolean skipSpecialTokens, boolean cleanUpTokenizationSpaces) {
        checkOpen();
        String text = untruncated.decode(ids, skipSpecialTokens);
        return cleanUpTokenizationSpaces ? cleanUpTokenization(text) : text;
    }

    /**
     * HF's {@code clean_up_tokenization} (the same in transformers 4.2.1 and later): ten plain substring
     * replacements applied one after the other, each to the whole text, in this order: {@code " ."}, {@code " ?"},
     * {@code " !"}, {@code " ,"} lose their space; {@code " ' "} becomes {@code "'"}; {@code " n't"},
     * {@code " 'm"}, {@code " 's"}, {@code " 've"}, {@code " 're"} lose their space. Nothing else changes (no
     * {@code " 'll"}, {@code " 'd"}, {@code " :"} or {@code " ;"} rule).
     *
     * @param text decoded text
     * @return the text with spaces before punctuation and English contractions removed
     */
    public static String cleanUpTokenization(String text) {
        return text.replace(" .", ".")
                .replace(" ?", "?")
                .replace(" !", "!")
                .replace(" ,", ",")
                .replace(" ' ", "'")
                .replace(" n't", "n't")
                .replace(" 'm", "'m")
                .replace(" 's", "'s")
                .replace(" 've", "'ve")
                .replace(" 're", "'re");
    }

    /**
     * @param k 0..99
     * @return the id of {@code <vis_extra_id_k>} ({@code V + 199 - k})
     */
    public long visTokenId(int k) {
        checkIndex(k, VIS_COUNT);
        return baseSize + EXTRA_COUNT + VIS_COUNT - 1 - k;
    }

    /**
     * @param k 0..99
     * @return the id of {@code <extra_id_k>} ({@code V + 99 - k})
     */
    public long extraTokenId(int k) {
        checkIndex(k, EXTRA_COUNT);
        return baseSize + EXTRA_COUNT - 1 - k;
    }

    /**
     * @param k 0..99
     * @return {@code <extra_id_k>}
     */
    public static String extraToken(int k) {
        return "<extra_id_" + k + ">";
    }

    /**
     * @param k 0..99
     * @return {@code <vis_extra_id_k>}
     */
    public static String visToken(int k) {
        return "<vis_extra_id_" + k + ">";
    }

    private static void checkIndex(int k, int count) {
        if (k < 0 || k >= count) {
            throw new IndexOutOfBoundsException("token index " + k + " outside 0.." + (count - 1));
        }
    }

    @Override
    public long padId() {
        return padId;
    }

    @Override
    public long eosId() {
        return eosId;
    }

    /**
     * @return the {@code <s>} id (BART)
     * @throws IllegalStateException for T5, which has no beginning-of-sequence token
     */
    public long bosId() {
        if (bosId < 0) {
            throw new IllegalStateException(family + " has no beginning-of-sequence token");
        }
        return bosId;
    }

    /** @return the unknown-token id */
    public long unkId() {
        return unkId;
    }

    /** @return V, the vocabulary size before the {@code <extra_id_*>} block */
    public long baseVocabSize() {
        return baseSize;
    }

    /** @return the vocabulary size with all added tokens ({@code V + 200} for the spec's tokenizers) */
    @Override
    public int vocabSize() {
        return vocabSize;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("tokenizer " + source + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        untruncated.close();
        plain.close();
        truncating.values().forEach(HuggingFaceTokenizer::close);
        truncating.clear();
    }

    @Override
    public String toString() {
        return "VlTokenizer[" + family + ", " + source + ", vocab " + vocabSize + "]";
    }
}
