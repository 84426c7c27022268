package org.vladapter.vision.features;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfInvalidPathException;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one feature matrix out of an open HDF5 file with jhdf, converting float16/float64 to float32.
 *
 * <p>A file cut short is refused as h5py refuses it: the end-of-file address its superblock stores must lie within
 * the real file, and a contiguous dataset's bytes must too (jhdf alone returns a full matrix of partly repeated
 * bytes for a truncated file). Values must be finite.
 */
final class Hdf5Features {

    /** The dataset name inside an image's group. */
    static final String DATASET = "features";

    private Hdf5Features() {}

    /**
     * @param file an open file
     * @param id the feature id
     * @return the dataset {@code <id>/features}, else a dataset named {@code <id>}, else {@code null}
     */
    static Dataset find(HdfFile file, String id) {
        Node group = file.getChild(id);
        if (group == null) {
            return null;
        }
        if (group.isGroup()) {
            try {
                Node node = file.getByPath(id + "/" + DATASET);
                return node instanceof Dataset d ? d : null;
            } catch (HdfInvalidPathException e) {
                return null;
            }
        }
        return group instanceof Dataset d ? d : null;
    }

    /**
     * Refuses a file shorter than its superblock says (a truncated download or a partly unpacked archive).
     *
     * @param file an open file
     * @param source the file path, for messages
     * @throws FeatureStoreException naming the file and both sizes
     */
    static void checkComplete(HdfFile file, Path source) {
        Superblock sb = file.getHdfBackingStorage().getSuperblock();
        long size = file.size();
        long eof = sb.getEndOfFileAddress();
        long stored = sb.getBaseAddressByte() + eof;
        if (eof < 0 || stored < 0 || size < stored) {
            throw new FeatureStoreException("truncated HDF5 file " + source + ": it has " + size
                    + " bytes but its superblock says it ends at byte " + Long.toUnsignedString(stored));
        }
    }

    /**
     * @param file an open file
     * @param id the feature id
     * @param source the file path, for messages
     * @param expected the expected shape
     * @return the features as rows [N][F]
     * @throws FeatureStoreException when the dataset is missing, has the wrong shape or a non-float type, lies
     *     beyond the end of the file, or holds a NaN or infinity
     */
    static float[][] read(HdfFile file, String id, Path source, FeatureShape expected) {
        checkComplete(file, source);
        Dataset dataset = find(file, id);
        if (dataset == null) {
            throw new FeatureStoreException(
                    "no dataset '" + id + "/" + DATASET + "' (nor '" + id + "') for id '" + id + "' in " + source);
        }
        expected.check(dataset.getDimensions(), id, source);
        if (dataset instanceof ContiguousDataset c) {
            long address = c.getDataAddress();
            long bytes = dataset.getSizeInBytes();
            long size = file.size();
            if (address >= 0 && (address > size || bytes > size - address)) {
                throw new FeatureStoreException("truncated HDF5 file " + source + ": dataset '" + dataset.getPath()
                        + "' needs bytes [" + address + ", " + (address + bytes) + ") but the file has " + size);
            }
        }
        Object data = dataset.getData();
        float[][] rows;
        if (data instanceof float[][] f) {
            rows = f;
        } else if (data instanceof double[][] d) {
            rows = new float[d.length][];
            for (int r = 0; r < d.length; r++) {
                rows[r] = new float[d[r].length];
                for (int c = 0; c < d[r].length; c++) {
                    rows[r][c] = (float) d[r][c];
                }
            }
        } else {
            throw new FeatureStoreException(
                    "dataset '" + dataset.getPath() + "' in " + source + " holds " + dataset.getJavaType()
                            + " values with shape " + Arrays.toString(dataset.getDimensions())
                            + "; expected a 2-D float16/float32/float64 matrix");
        }
        FeatureShape.checkFinite(rows, id, source);
        return rows;
    }

    /**
     * @param e an error jhdf raised on a damaged file
     * @return its message as one short clause
     */
    static String reason(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").trim();
        return m.length() <= 120 ? m : m.substring(0, 117) + "...";
    }
}
