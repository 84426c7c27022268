package org.vladapter.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minimal safetensors I/O for checkpoints: writes named arrays in the given order (the header keeps that
 * order, with {@code __metadata__.format = pt}), reads through DJL's {@code NDList.decode}. Stand-in
 * until the project's shared safetensors writer is used here.
 */
final class SafeTensorsIo {

    private SafeTensorsIo() {}

    /**
     * @param out the stream to write to
     * @param arrays arrays by tensor name
     * @throws IOException on a write error
     */
    static void write(OutputStream out, Map<String, NDArray> arrays) throws IOException {
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("format", "pt");
        header.add("__metadata__", meta);
        long offset = 0;
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            NDArray a = e.getValue();
            long bytes = a.size() * a.getDataType().getNumOfBytes();
            JsonObject t = new JsonObject();
            t.addProperty("dtype", a.getDataType().asSafetensors());
            JsonArray shape = new JsonArray();
            for (long d : a.getShape().getShape()) {
                shape.add(d);
            }
            t.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + bytes);
            t.add("data_offsets", offsets);
            header.add(e.getKey(), t);
            offset += bytes;
        }
        StringBuilder json = new StringBuilder(header.toString());
        while ((json.length() + 8) % 8 != 0) {
            json.append(' ');
        }
        byte[] headerBytes = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length);
        out.write(len.array());
        out.write(headerBytes);
        for (NDArray a : arrays.values()) {
            ByteBuffer data = a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            byte[] chunk = new byte[1 << 16];
            while (data.hasRemaining()) {
                int n = Math.min(chunk.length, data.remaining());
                data.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    /**
     * @param file a safetensors file
     * @param manager the manager of the returned arrays
     * @return arrays by tensor name, in file order
     * @throws UncheckedIOException naming the file when it cannot be read or parsed
     */
    static Map<String, NDArray> read(Path file, NDManager manager) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            NDList list = NDList.decode(manager, in);
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (NDArray a : list) {
                out.put(a.getName(), a);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed safetensors file " + file + ": " + e.getMessage(), e);
        }
    }
}
