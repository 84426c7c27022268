package org.vladapter.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/** Byte and text mutations shared by the input classes, and the case-list assembly. */
final class Mutations {

    private Mutations() {}

    static byte[] flipBit(byte[] original, int position, int bit) {
        byte[] b = original.clone();
        b[position] ^= (byte) (1 << bit);
        return b;
    }

    static byte[] cut(byte[] original, int length) {
        return Arrays.copyOf(original, length);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Replaces the first occurrence, failing loudly when the original lacks it (a generator bug). */
    static String replaceFirst(String text, String from, String to) {
        int i = text.indexOf(from);
        if (i < 0) {
            throw new IllegalStateException("fuzz generator: '" + from + "' not in the original");
        }
        return text.substring(0, i) + to + text.substring(i + from.length());
    }

    static Map<String, byte[]> files(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            m.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return m;
    }

    static byte[] resource(String name) {
        try (InputStream in = Mutations.class.getResourceAsStream("/fuzz/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /fuzz/" + name);
            }
            InputStream data = name.endsWith(".gz") ? new GZIPInputStream(in) : in;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            data.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JSON text mutated as a hand edit or a broken download would: cut short (refused unless only trailing
     * whitespace went), or one character replaced by another (either outcome).
     */
    static FuzzCase randomJsonEdit(Random random, String name, Map<String, byte[]> others, byte[] original) {
        Map<String, byte[]> files = new LinkedHashMap<>(others);
        Map<String, byte[]> originalFiles = new LinkedHashMap<>(others);
        originalFiles.put(name, original);
        if (random.nextBoolean()) {
            int n = random.nextInt(original.length);
            byte[] cut = cut(original, n);
            boolean onlyWhitespace = text(cut).strip().equals(text(original).strip());
            files.put(name, cut);
            return new FuzzCase("truncate@" + n, files, name, onlyWhitespace ? Expect.ACCEPT_SAME : Expect.REFUSE,
                    originalFiles);
        }
        int p = random.nextInt(original.length);
        byte[] b = original.clone();
        String pool = "{}[]:,\"'0123456789-+.eE /\\tnulrsNaI\u00e9";
        b[p] = (byte) pool.charAt(random.nextInt(pool.length()));
        files.put(name, b);
        return new FuzzCase("edit@" + p, files, name, Expect.EITHER, originalFiles);
    }

    /**
     * The fixed regression cases first (those that must be accepted ahead of those that must be refused, so a small
     * run has both), then random ones until {@code count}.
     */
    static List<FuzzCase> assemble(List<FuzzCase> fixed, int count, Supplier<FuzzCase> random) {
        List<FuzzCase> ordered = new ArrayList<>(fixed.stream().filter(c -> c.expect() == Expect.ACCEPT_SAME).toList());
        fixed.stream().filter(c -> c.expect() != Expect.ACCEPT_SAME).forEach(ordered::add);
        List<FuzzCase> out = new ArrayList<>(ordered.subList(0, Math.min(count, ordered.size())));
        while (out.size() < count) {
            out.add(random.get());
        }
        return out;
    }
}
