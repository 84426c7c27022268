package org.vladapter.shapes;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.vladapter.io.AtomicDirectories;
import org.vladapter.shapes.clip.ClipEncoder;
import org.vladapter.train.ProgressBar;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Generates the ShapesWorld release into a folder, or reuses it. The folder is written through
 * {@link AtomicDirectories#replaceDirectory} (a temporary folder renamed into place), and its stamp file
 * {@value ShapesWorld#STAMP} is written last: it records the generator version, seed, scale, feature type and the
 * mini-CLIP checkpoint's digest, and a folder is reused only when its stamp matches all of them. A generation
 * that was interrupted leaves no stamp, so it is never taken for a complete one.
 */
final class Generator {

    private Generator() {}

    static String stamp(ShapesConfig config, Path clipFolder) {
        JsonObject o = new JsonObject();
        o.addProperty("generator", "vl-adapter shapesworld");
        o.addProperty("generator_version", ShapesWorld.GENERATOR_VERSION);
        o.addProperty("seed", config.seed());
        o.addProperty("scale", config.scale());
        o.addProperty("feature_type", ShapesWorld.FEATURE_TYPE);
        o.addProperty("clip_sha256", digest(clipFolder.resolve("model.safetensors")));
        return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
    }

    /** @return whether the folder holds a complete generation for this config and CLIP */
    static boolean upToDate(Path dir, ShapesConfig config, Path clipFolder) {
        Optional<Path> readable = AtomicDirectories.readableDirectory(dir, ShapesWorld.STAMP);
        if (readable.isEmpty() || !readable.get().equals(dir)) {
            return false;
        }
        try {
            String found = Files.readString(dir.resolve(ShapesWorld.STAMP), StandardCharsets.UTF_8);
            return JsonParser.parseString(found).equals(JsonParser.parseString(stamp(config, clipFolder)));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static void generate(Path dir, ShapesConfig config, Path clipFolder, ProgressBar.Style style, PrintStream out) {
        long start = System.nanoTime();
        ShapesData data = ShapesData.generate(config);
        String stamp = stamp(config, clipFolder);
        try (ClipEncoder encoder = ClipEncoder.load(clipFolder)) {
            AtomicDirectories.replaceDirectory(dir, ShapesWorld.STAMP, tmp -> {
                new ReleaseWriter(tmp, ShapesWorld.FEATURE_TYPE, encoder, style, out).write(data);
                Files.writeString(tmp.resolve(ShapesWorld.STAMP), stamp, StandardCharsets.UTF_8);
            });
        }
        out.printf(java.util.Locale.ROOT, "shapes: generated %s (%s) in %.1f s%n", dir, config.describe(),
                (System.nanoTime() - start) / 1e9);
    }

    static String digest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
