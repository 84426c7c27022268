package org.vladapter.fuzz;

import org.vladapter.vision.features.FeatureShape;
import org.vladapter.vision.features.Npy;
import org.vladapter.vision.features.NpzDirectoryStore;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * NPY files read with {@link Npy#readNpy} and NPZ archives read through {@link NpzDirectoryStore}, laid out as numpy
 * writes them: header forms the regular-expression parser misread (duplicate keys, negative and overflowing
 * dimensions), sizes that do not match the data, NaN in the data; for NPZ, CRC damage (every single-bit flip),
 * truncation, and a zip bomb whose entry decompresses far past the size it declares.
 */
final class NpyInputs implements InputClass {

    private final boolean npz;

    /** @param npz archives (else plain NPY files) */
    NpyInputs(boolean npz) {
        this.npz = npz;
    }

    static byte[] npy(String dict, byte[] data) {
        String header = dict;
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    static byte[] floats(int n) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(i * 0.125f - 1);
        }
        return b.array();
    }

    static String dict(String shape) {
        return "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    static byte[] zip(byte[] npyBytes, boolean deflate) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e = new ZipEntry("features.npy");
            e.setTimeLocal(java.time.LocalDateTime.of(2022, 6, 1, 0, 0)); // the same bytes for the same seed
            if (!deflate) {
                e.setMethod(ZipEntry.STORED);
                e.setSize(npyBytes.length);
                CRC32 crc = new CRC32();
                crc.update(npyBytes);
                e.setCrc(crc.getValue());
            }
            z.putNextEntry(e);
            z.write(npyBytes);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    /** Rewrites the uncompressed size of every entry (local header and central directory) to {@code size}. */
    static byte[] declareSize(byte[] zip, int size) {
        byte[] b = zip.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= b.length; i++) {
            int sig = buf.getInt(i);
            if (sig == 0x04034b50 && i + 26 <= b.length && (buf.getShort(i + 6) & 8) == 0) {
                buf.putInt(i + 22, size);
            } else if (sig == 0x02014b50 && i + 28 <= b.length) {
                buf.putInt(i + 24, size);
            }
        }
        return b;
    }

    @Override
    public String name() {
        return npz ? "npz" : "npy";
    }

    @Override
    public List<FuzzCase> cases(Random random, int count) throws Exception {
        byte[] good = npy(dict("(5, 8)"), floats(40));
        String name = npz ? "clip.npz" : "a.npy";
        byte[] original = npz ? zip(good, true) : good;
        Map<String, byte[]> originalFiles = Mutations.files(name, original);
        List<FuzzCase> fixed = new ArrayList<>();
        List<byte[]> badNpy = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        String[][] headers = {
            {"duplicate-shape", "{'descr': '<f4', 'fortran_order': False, 'shape': (5, 8), 'shape': (8, 5), }"},
            {"negative-dims", dict("(-5, -8)")},
            {"overflowing-dims", dict("(4294967296, 4294967296, 16)")},
            {"huge-declared", dict("(30000, 10000)")},
            {"shape-too-small", dict("(5, 7)")},
            {"shape-not-tuple", "{'descr': '<f4', 'fortran_order': False, 'shape': [5, 8], }"},
            {"extra-key", "{'descr': '<f4', 'fortran_order': False, 'shape': (5, 8), 'x': 1, }"},
            {"missing-descr", "{'fortran_order': False, 'shape': (5, 8), }"},
            {"int-dtype", "{'descr': '<i4', 'fortran_order': False, 'shape': (5, 8), }"},
            {"fortran", "{'descr': '<f4', 'fortran_order': True, 'shape': (5, 8), }"},
            {"unclosed", "{'descr': '<f4', 'fortran_order': False, 'shape': (5, 8), "},
            {"shape-in-string", "{'descr': '<f4', 'fortran_order': False, 'x': \"'shape': (5, 8)\", 'shape': (2, 20), }"},
        };
        for (String[] h : headers) {
            labels.add(h[0]);
            badNpy.add(npy(h[1], floats(40)));
        }
        labels.add("trailing-bytes");
        badNpy.add(npy(dict("(5, 8)"), floats(41)));
        byte[] nan = good.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(nan.length - 8, Float.NaN);
        labels.add("nan-in-data");
        badNpy.add(nan);
        byte[] inf = good.clone();
        ByteBuffer.wrap(inf).order(ByteOrder.LITTLE_ENDIAN).putFloat(nan.length - 4, Float.NEGATIVE_INFINITY);
        labels.add("inf-in-data");
        badNpy.add(inf);
        for (int i = 0; i < badNpy.size(); i++) {
            byte[] content = npz ? zip(badNpy.get(i), i % 2 == 0) : badNpy.get(i);
            fixed.add(new FuzzCase(labels.get(i), Mutations.files(name, content), name, Expect.REFUSE, originalFiles));
        }
        fixed.add(new FuzzCase("other-spacing", Mutations.files(name, npz ? zip(npy("{\"descr\":'<f4','fortran_order':"
                + "False,'shape':(5,8)}", floats(40)), false) : npy("{\"descr\":'<f4','fortran_order':False,"
                + "'shape':(5,8)}", floats(40))), name, Expect.ACCEPT_SAME, originalFiles));
        if (npz) {
            fixed.add(new FuzzCase("stored", Mutations.files(name, zip(good, false)), name, Expect.ACCEPT_SAME,
                    originalFiles));
            byte[] bombNpy = npy(dict("(4096, 4096)"), new byte[4 * 4096 * 4096]);
            fixed.add(new FuzzCase("zip-bomb-declared-small", Mutations.files(name, declareSize(zip(bombNpy, true),
                    good.length)), name, Expect.REFUSE, originalFiles));
            fixed.add(new FuzzCase("zip-declared-huge", Mutations.files(name, declareSize(original, Integer.MAX_VALUE)),
                    name, Expect.REFUSE, originalFiles));
        }
        return Mutations.assemble(fixed, count, () -> {
            if (random.nextInt(3) == 0) {
                int n = random.nextInt(original.length);
                return new FuzzCase("truncate@" + n, Mutations.files(name, Mutations.cut(original, n)), name,
                        Expect.REFUSE, originalFiles);
            }
            int p = random.nextInt(original.length);
            int bit = random.nextInt(8);
            // NPZ: the CRC-32 guards the entry, so a flip is refused or (in a field no reader uses) harmless
            return new FuzzCase("flip@" + p + "." + bit, Mutations.files(name, Mutations.flipBit(original, p, bit)),
                    name, npz ? Expect.REFUSE_OR_SAME : Expect.EITHER, originalFiles);
        });
    }

    @Override
    public Object load(Path folder, String target) {
        if (npz) {
            return Arrays.deepToString(new NpzDirectoryStore(folder, new FeatureShape(FeatureShape.ANY, 8))
                    .features(target.substring(0, target.length() - 4)));
        }
        var a = Npy.readNpy(folder.resolve(target));
        return a.dtype() + Arrays.toString(a.shape()) + Arrays.toString(a.data());
    }
}
