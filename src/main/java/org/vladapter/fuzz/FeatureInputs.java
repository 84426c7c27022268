package org.vladapter.fuzz;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import org.vladapter.vision.features.FeatureShape;
import org.vladapter.vision.features.Hdf5DirectoryStore;
import org.vladapter.vision.features.Hdf5FeatureWriter;
import org.vladapter.vision.features.Hdf5FileStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * HDF5 feature files as the release ships them (float16 {@code <id>/features}), read through {@link
 * Hdf5DirectoryStore} (one file per image) or {@link Hdf5FileStore} (many images in one file): truncation anywhere
 * (a partly unpacked archive), NaN and infinity written into the data, and bit flips.
 */
final class FeatureInputs implements InputClass {

    static final FeatureShape SHAPE = new FeatureShape(7, 6);
    private final boolean directory;

    /** @param directory the per-image folder store, else the one-file store */
    FeatureInputs(boolean directory) {
        this.directory = directory;
    }

    static float[][] matrix(int seed) {
        float[][] rows = new float[SHAPE.rows()][SHAPE.columns()];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = ((r * 7 + c * 3 + seed) % 11) * 0.25f - 1;
            }
        }
        return rows;
    }

    private String file() {
        return directory ? "img1.h5" : "features.h5";
    }

    private byte[] original(Path work) throws Exception {
        Path f = work.resolve(file());
        if (directory) {
            Hdf5FeatureWriter.writeImage(f, "img1", matrix(0), Hdf5FeatureWriter.Precision.FLOAT16);
        } else {
            Map<String, float[][]> many = new LinkedHashMap<>();
            for (int i = 1; i <= 3; i++) {
                many.put("img" + i, matrix(i));
            }
            Hdf5FeatureWriter.writeMany(f, many, Hdf5FeatureWriter.Precision.FLOAT16);
        }
        return Files.readAllBytes(f);
    }

    /** The byte offsets of the datasets' contiguous data in the original. */
    private static List<long[]> dataRanges(Path file) {
        List<long[]> out = new ArrayList<>();
        try (HdfFile h = new HdfFile(file)) {
            for (String id : h.getChildren().keySet()) {
                Dataset d = h.getDatasetByPath(id + "/features");
                if (d instanceof ContiguousDataset c) {
                    out.add(new long[] {c.getDataAddress(), d.getSizeInBytes()});
                }
            }
        }
        return out;
    }

    @Override
    public String name() {
        return directory ? "hdf5-directory" : "hdf5-file";
    }

    @Override
    public List<FuzzCase> cases(Random random, int count) throws Exception {
        Path work = Files.createTempDirectory("fuzz-h5");
        byte[] original;
        List<long[]> ranges;
        try {
            original = original(work);
            ranges = dataRanges(work.resolve(file()));
        } finally {
            org.vladapter.io.AtomicDirectories.deleteTree(work);
        }
        if (ranges.isEmpty()) {
            throw new IllegalStateException("fuzz generator: no contiguous dataset in the written HDF5 file");
        }
        String name = file();
        Map<String, byte[]> originalFiles = Mutations.files(name, original);
        long[] first = ranges.get(0);
        long dataEnd = ranges.stream().mapToLong(r -> r[0] + r[1]).max().getAsLong();
        List<FuzzCase> fixed = new ArrayList<>();
        for (short special : new short[] {0x7E00, 0x7C00, (short) 0xFC00}) {
            byte[] b = original.clone();
            int at = (int) first[0] + 2 * 5;
            b[at] = (byte) special;
            b[at + 1] = (byte) (special >> 8);
            fixed.add(new FuzzCase(String.format("float16-%04x-in-data", special), Mutations.files(name, b), name,
                    Expect.REFUSE, originalFiles));
        }
        for (long cut : new long[] {dataEnd - 1, first[0] + first[1] / 2, first[0], original.length - 1}) {
            fixed.add(new FuzzCase("truncate@" + cut, Mutations.files(name, Mutations.cut(original, (int) cut)), name,
                    Expect.REFUSE, originalFiles));
        }
        fixed.add(new FuzzCase("unchanged", originalFiles, name, Expect.ACCEPT_SAME, originalFiles));
        return Mutations.assemble(fixed, count, () -> {
            if (random.nextInt(3) == 0) {
                int n = 1 + random.nextInt(original.length - 1);
                return new FuzzCase("truncate@" + n, Mutations.files(name, Mutations.cut(original, n)), name,
                        Expect.REFUSE, originalFiles);
            }
            int p = random.nextInt(original.length);
            int bit = random.nextInt(8);
            return new FuzzCase("flip@" + p + "." + bit, Mutations.files(name, Mutations.flipBit(original, p, bit)),
                    name, Expect.EITHER, originalFiles);
        });
    }

    @Override
    public Object load(Path folder, String target) {
        List<String> out = new ArrayList<>();
        if (directory) {
            out.add(Arrays.deepToString(new Hdf5DirectoryStore(folder, SHAPE).features("img1")));
        } else {
            Hdf5FileStore store = new Hdf5FileStore(folder.resolve(target), SHAPE);
            try {
                for (int i = 1; i <= 3; i++) {
                    out.add(Arrays.deepToString(store.features("img" + i)));
                }
            } finally {
                store.close();
            }
        }
        return out;
    }
}
