package org.vladapter.io;

import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates the header of a safetensors file.
 *
 * <p>Checks: the 8-byte little-endian header length fits the file; the header is strict UTF-8 JSON, an object
 * without duplicate keys, nested at most {@link StrictJson#MAX_DEPTH} levels; {@code __metadata__} maps strings to strings; each tensor has a known {@code dtype}, a
 * {@code shape} of non-negative integers and {@code data_offsets} {@code [begin, end]} inside the data section with
 * {@code end - begin == product(shape) * dtype size}; no two tensors overlap. Gaps between tensors and unused bytes
 * at the end are accepted (HF's writer never produces them; its reader rejects them).
 */
final class SafeTensorsHeader {

    /** HF's limit on the header size. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    final long dataStart;
    final long dataSize;
    final Map<String, TensorInfo> tensors;
    final Map<String, String> metadata;

    private SafeTensorsHeader(long dataStart, long dataSize, Map<String, TensorInfo> tensors,
            Map<String, String> metadata) {
        this.dataStart = dataStart;
        this.dataSize = dataSize;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Validates a header.
     *
     * @param file the file, for messages
     * @param fileSize the file's size in bytes
     * @param prefix the file's first 8 bytes
     * @param headerReader reads {@code n} header bytes after the prefix
     */
    static SafeTensorsHeader parse(Path file, long fileSize, ByteBuffer prefix, HeaderBytes headerReader)
            throws IOException {
        if (fileSize < 8) {
            throw SafeTensorsException.corrupt(file, "file has " + fileSize + " bytes, fewer than the 8-byte header length");
        }
        long n = prefix.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (n < 0 || n > fileSize - 8) {
            throw SafeTensorsException.corrupt(file, "header length " + Long.toUnsignedString(n)
                    + " exceeds file size " + fileSize + " (truncated file or not a safetensors file?)");
        }
        if (n > MAX_HEADER_BYTES) {
            throw SafeTensorsException.corrupt(file, "header length " + n + " exceeds the limit of " + MAX_HEADER_BYTES);
        }
        if (n < 2) {
            throw SafeTensorsException.corrupt(file, "header length " + n + " is too small for a JSON object");
        }
        String json = decodeUtf8(file, headerReader.read((int) n));
        long dataStart = 8 + n;
        long dataSize = fileSize - dataStart;
        Map<String, JsonElement> entries = readObject(file, json);

        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : entries.entrySet()) {
            if (METADATA_KEY.equals(e.getKey())) {
                readMetadata(file, e.getValue(), metadata);
            } else {
                tensors.put(e.getKey(), readTensor(file, e.getKey(), e.getValue(), dataSize));
            }
        }
        checkOverlaps(file, tensors);
        return new SafeTensorsHeader(dataStart, dataSize, Collections.unmodifiableMap(tensors),
                Collections.unmodifiableMap(metadata));
    }

    /** Reads the header bytes. */
    @FunctionalInterface
    interface HeaderBytes {
        byte[] read(int length) throws IOException;
    }

    private static String decodeUtf8(Path file, byte[] bytes) throws SafeTensorsException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw SafeTensorsException.corrupt(file, "header is not valid UTF-8");
        }
    }

    private static Map<String, JsonElement> readObject(Path file, String json) throws SafeTensorsException {
        JsonElement parsed;
        try {
            parsed = StrictJson.parse(json.stripTrailing(), file.toString());
        } catch (StrictJson.JsonFileException e) {
            // one sentence: the parser names the position; nested or huge values never reach the message
            String detail = e.detail().replace("after the JSON value", "after the header JSON object");
            throw new SafeTensorsException(SafeTensorsException.corrupt(file, "invalid JSON " + detail).getMessage(), e);
        }
        if (!parsed.isJsonObject()) {
            throw SafeTensorsException.corrupt(file, "header JSON is " + describe(parsed) + ", not an object");
        }
        Map<String, JsonElement> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : parsed.getAsJsonObject().entrySet()) {
            entries.put(e.getKey(), e.getValue());
        }
        return entries;
    }

    /** A JSON value for a message, shortened so a nested or huge value never floods it. */
    static String describe(JsonElement v) {
        if (v.isJsonObject()) {
            return "an object";
        }
        if (v.isJsonArray()) {
            return "a list of " + v.getAsJsonArray().size();
        }
        String s = v.toString();
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static void readMetadata(Path file, JsonElement value, Map<String, String> out) throws SafeTensorsException {
        if (!value.isJsonObject()) {
            throw SafeTensorsException.corrupt(file, "'" + METADATA_KEY + "' must be an object of strings");
        }
        for (Map.Entry<String, JsonElement> m : value.getAsJsonObject().entrySet()) {
            JsonElement v = m.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw SafeTensorsException.corrupt(file, "'" + METADATA_KEY + "' value for key '" + m.getKey()
                        + "' must be a string, found " + describe(v));
            }
            out.put(m.getKey(), v.getAsString());
        }
    }

    private static TensorInfo readTensor(Path file, String name, JsonElement value, long dataSize)
            throws SafeTensorsException {
        if (!value.isJsonObject()) {
            throw SafeTensorsException.corrupt(file, "tensor '" + name + "' entry must be an object, found " + describe(value));
        }
        JsonObject o = value.getAsJsonObject();
        JsonElement dtypeJson = o.get("dtype");
        if (dtypeJson == null || !dtypeJson.isJsonPrimitive() || !dtypeJson.getAsJsonPrimitive().isString()) {
            throw SafeTensorsException.corrupt(file, "tensor '" + name + "' has no string 'dtype'");
        }
        SafeTensorsDType dtype = SafeTensorsDType.fromName(dtypeJson.getAsString());
        if (dtype == null) {
            throw SafeTensorsException.corrupt(file, "tensor '" + name + "' has unknown dtype '"
                    + dtypeJson.getAsString() + "'");
        }
        long[] dims = readLongs(file, name, "shape", o.get("shape"), -1);
        long[] offsets = readLongs(file, name, "data_offsets", o.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataSize) {
            throw SafeTensorsException.corrupt(file, "tensor '" + name + "' data_offsets [" + begin + ", " + end
                    + "] outside the data section of " + dataSize + " bytes");
        }
        long bytes;
        try {
            long elements = 1;
            for (long d : dims) {
                elements = Math.multiplyExact(elements, d);
            }
            bytes = Math.multiplyExact(elements, (long) dtype.byteSize());
        } catch (ArithmeticException e) {
            throw SafeTensorsException.corrupt(file, "tensor '" + name + "' shape " + new Shape(dims)
                    + " overflows 64-bit sizes");
        }
        if (bytes != end - begin) {
            throw SafeTensorsException.corrupt(file, "tensor '" + name + "' shape " + new Shape(dims) + " of " + dtype
                    + " needs " + bytes + " bytes but data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin));
        }
        return new TensorInfo(name, dtype, new Shape(dims), begin, end);
    }

    private static long[] readLongs(Path file, String tensor, String key, JsonElement value, int length)
            throws SafeTensorsException {
        if (value == null || !value.isJsonArray()) {
            throw SafeTensorsException.corrupt(file, "tensor '" + tensor + "' has no array '" + key + "'");
        }
        JsonArray a = value.getAsJsonArray();
        if (length >= 0 && a.size() != length) {
            throw SafeTensorsException.corrupt(file, "tensor '" + tensor + "' '" + key + "' must have " + length
                    + " entries, found " + a.size());
        }
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = a.get(i);
            long x;
            try {
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                    throw new NumberFormatException();
                }
                x = new BigDecimal(v.getAsString()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                x = -1;
            }
            if (x < 0) {
                throw SafeTensorsException.corrupt(file, "tensor '" + tensor + "' '" + key + "' entry " + i
                        + " must be a non-negative integer, found " + describe(v));
            }
            out[i] = x;
        }
        return out;
    }

    private static void checkOverlaps(Path file, Map<String, TensorInfo> tensors) throws SafeTensorsException {
        List<TensorInfo> byBegin = new ArrayList<>(tensors.values());
        byBegin.removeIf(t -> t.byteCount() == 0);
        byBegin.sort(Comparator.comparingLong(TensorInfo::begin).thenComparing(TensorInfo::name));
        for (int i = 1; i < byBegin.size(); i++) {
            TensorInfo prev = byBegin.get(i - 1);
            TensorInfo cur = byBegin.get(i);
            if (cur.begin() < prev.end()) {
                throw SafeTensorsException.corrupt(file, "tensors '" + prev.name() + "' [" + prev.begin() + ", "
                        + prev.end() + "] and '" + cur.name() + "' [" + cur.begin() + ", " + cur.end()
                        + "] overlap");
            }
        }
    }
}
