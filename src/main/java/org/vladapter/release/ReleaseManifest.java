package org.vladapter.release;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The release's {@code manifest.json.gz}: every original file with {@code path}, {@code size}, {@code crc}
 * and {@code shard}. The entries are read from a top-level JSON array, or from the first array-valued
 * member of a top-level object ({@code {"files": [...]}}); a {@code crc} may be a number or a hex string.
 */
public final class ReleaseManifest {

    /** The manifest's file name at the release root. */
    public static final String FILE_NAME = "manifest.json.gz";

    private final List<ManifestEntry> entries;

    private ReleaseManifest(List<ManifestEntry> entries) {
        this.entries = entries;
    }

    /**
     * @param file a {@code manifest.json.gz}
     * @return its entries
     * @throws IllegalArgumentException naming the file and the entry when it is malformed
     */
    public static ReleaseManifest read(Path file) {
        JsonElement root;
        try (Reader r = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read release manifest " + file, e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("release manifest " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonArray array = null;
        if (root.isJsonArray()) {
            array = root.getAsJsonArray();
        } else if (root.isJsonObject()) {
            for (var member : root.getAsJsonObject().entrySet()) {
                if (member.getValue().isJsonArray()) {
                    array = member.getValue().getAsJsonArray();
                    break;
                }
            }
        }
        if (array == null) {
            throw new IllegalArgumentException("release manifest " + file + " holds no list of files");
        }
        List<ManifestEntry> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            try {
                JsonObject o = array.get(i).getAsJsonObject();
                String path = o.get("path").getAsString();
                if (path.startsWith("/") || path.contains("..")) {
                    throw new IllegalArgumentException("path '" + path + "' leaves the release folder");
                }
                long size = o.get("size").getAsLong();
                long crc = -1;
                if (o.has("crc") && !o.get("crc").isJsonNull()) {
                    String c = o.get("crc").getAsString();
                    crc = c.matches("-?\\d+") ? Long.parseLong(c) & 0xffffffffL : Long.parseLong(c.replaceFirst("^0x", ""), 16);
                }
                String shard = o.has("shard") && !o.get("shard").isJsonNull() ? o.get("shard").getAsString() : null;
                out.add(new ManifestEntry(path, size, crc, shard));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("release manifest " + file + ", entry " + i + ": " + e.getMessage(), e);
            }
        }
        return new ReleaseManifest(List.copyOf(out));
    }

    /** @return the entries, in manifest order */
    public List<ManifestEntry> entries() {
        return entries;
    }
}
