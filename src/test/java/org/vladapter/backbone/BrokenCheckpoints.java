package org.vladapter.backbone;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Test helper: copies of the HF fixture checkpoints broken in one way each, written into a temporary folder.
 * Tensors are picked by name pattern and shape, never by the fixtures' sizes.
 */
public final class BrokenCheckpoints {

    /** A layer weight (encoder or decoder), as BART and T5 name them. */
    private static final Pattern LAYER_WEIGHT = Pattern.compile(".*\\.(layers|block)\\.\\d+\\..*\\.weight");

    private BrokenCheckpoints() {}

    /**
     * A broken checkpoint.
     *
     * @param folder the checkpoint folder
     * @param tensor the tensor concerned, or {@code null}
     * @param expected the shape the model expects, or {@code null}
     * @param found the shape the file now holds, or {@code null}
     */
    public record Broken(Path folder, String tensor, Shape expected, Shape found) {
        Broken(Path folder) {
            this(folder, null, null, null);
        }
    }

    /**
     * @param fixture {@code bart-tiny} or {@code t5-tiny}
     * @param dir a temporary folder
     * @return an intact copy of the fixture folder (config, weights, io files)
     */
    public static Path copy(String fixture, Path dir) throws IOException {
        Path target = Files.createDirectories(dir.resolve(fixture));
        try (Stream<Path> files = Files.list(FixtureTensors.folder(fixture))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    /** @return a folder path that does not exist */
    public static Broken missingFolder(Path dir) {
        return new Broken(dir.resolve("no-such-model"));
    }

    /** @return a copy without {@code config.json} */
    public static Broken withoutConfig(String fixture, Path dir) throws IOException {
        Path folder = copy(fixture, dir);
        Files.delete(folder.resolve("config.json"));
        return new Broken(folder);
    }

    /** @return a copy whose {@code config.json} says {@code model_type: type} */
    public static Broken withModelType(String fixture, Path dir, String type) throws IOException {
        Path folder = copy(fixture, dir);
        Path config = folder.resolve("config.json");
        JsonObject json = JsonParser.parseString(Files.readString(config)).getAsJsonObject();
        json.addProperty("model_type", type);
        Files.writeString(config, json.toString());
        return new Broken(folder);
    }

    /** @return a copy whose weights file ends in the middle of its header */
    public static Broken truncatedInHeader(String fixture, Path dir) throws IOException {
        Path folder = copy(fixture, dir);
        Path weights = folder.resolve("model.safetensors");
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(weights), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        truncate(weights, 8 + headerLength / 2);
        return new Broken(folder);
    }

    /** @return a copy whose weights file lost its last bytes (the last tensor's data) */
    public static Broken truncatedInData(String fixture, Path dir) throws IOException {
        Path folder = copy(fixture, dir);
        Path weights = folder.resolve("model.safetensors");
        Parsed p = Parsed.read(weights);
        String last = null;
        long lastEnd = -1;
        for (Map.Entry<String, JsonElement> e : p.tensors()) {
            long end = e.getValue().getAsJsonObject().getAsJsonArray("data_offsets").get(1).getAsLong();
            if (end > lastEnd) {
                lastEnd = end;
                last = e.getKey();
            }
        }
        truncate(weights, Files.size(weights) - 4);
        return new Broken(folder, last, null, null);
    }

    /** @return a copy whose header JSON has a syntax error (its first ':' replaced) */
    public static Broken corruptHeaderJson(String fixture, Path dir) throws IOException {
        Path folder = copy(fixture, dir);
        Path weights = folder.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        for (int i = 8; i < bytes.length; i++) {
            if (bytes[i] == ':') {
                bytes[i] = '!';
                break;
            }
        }
        Files.write(weights, bytes);
        return new Broken(folder);
    }

    /** @return a copy without its first non-square layer weight */
    public static Broken withoutTensor(String fixture, Path dir) throws IOException {
        Path folder = copy(fixture, dir);
        Path weights = folder.resolve("model.safetensors");
        Parsed p = Parsed.read(weights);
        String name = firstNonSquareLayerWeight(p);
        p.header.remove(name);
        p.write(weights);
        return new Broken(folder, name, null, null);
    }

    /** @return a copy whose first non-square layer weight is declared transposed */
    public static Broken withTransposedTensor(String fixture, Path dir) throws IOException {
        Path folder = copy(fixture, dir);
        Path weights = folder.resolve("model.safetensors");
        Parsed p = Parsed.read(weights);
        String name = firstNonSquareLayerWeight(p);
        JsonArray shape = p.header.getAsJsonObject(name).getAsJsonArray("shape");
        Shape expected = new Shape(shape.get(0).getAsLong(), shape.get(1).getAsLong());
        JsonArray swapped = new JsonArray();
        swapped.add(shape.get(1));
        swapped.add(shape.get(0));
        p.header.getAsJsonObject(name).add("shape", swapped);
        p.write(weights);
        return new Broken(folder, name, expected, new Shape(expected.get(1), expected.get(0)));
    }

    /** @return a copy with one more tensor, of a name no BART or T5 model has */
    public static Broken withExtraTensor(String fixture, Path dir) throws IOException {
        Path folder = copy(fixture, dir);
        Path weights = folder.resolve("model.safetensors");
        Parsed p = Parsed.read(weights);
        String name = "encoder.layers.0.unexpected_gate.weight";
        JsonObject entry = new JsonObject();
        entry.addProperty("dtype", "F32");
        JsonArray shape = new JsonArray();
        shape.add(1);
        entry.add("shape", shape);
        JsonArray offsets = new JsonArray();
        offsets.add(p.data.length);
        offsets.add(p.data.length + 4);
        entry.add("data_offsets", offsets);
        p.header.add(name, entry);
        p.data = Arrays.copyOf(p.data, p.data.length + 4);
        p.write(weights);
        return new Broken(folder, name, null, null);
    }

    private static String firstNonSquareLayerWeight(Parsed p) {
        for (Map.Entry<String, JsonElement> e : p.tensors()) {
            JsonArray shape = e.getValue().getAsJsonObject().getAsJsonArray("shape");
            if (LAYER_WEIGHT.matcher(e.getKey()).matches() && shape.size() == 2
                    && shape.get(0).getAsLong() != shape.get(1).getAsLong()) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("no non-square layer weight in the fixture");
    }

    private static void truncate(Path file, long size) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, (int) size));
    }

    /** A safetensors file as header JSON and data bytes. */
    private static final class Parsed {
        final JsonObject header;
        byte[] data;

        private Parsed(JsonObject header, byte[] data) {
            this.header = header;
            this.data = data;
        }

        static Parsed read(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            int n = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            JsonObject header = JsonParser.parseString(new String(bytes, 8, n, StandardCharsets.UTF_8)).getAsJsonObject();
            return new Parsed(header, Arrays.copyOfRange(bytes, 8 + n, bytes.length));
        }

        Iterable<Map.Entry<String, JsonElement>> tensors() {
            return header.entrySet().stream().filter(e -> !e.getKey().equals("__metadata__"))::iterator;
        }

        void write(Path file) throws IOException {
            byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(h.length).put(h).put(data);
            Files.write(file, b.array());
        }
    }
}
