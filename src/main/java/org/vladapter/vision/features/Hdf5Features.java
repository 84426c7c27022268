package org.vladapter.vision.features;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;

import java.nio.file.Path;
import java.util.Arrays;

/** Reads one feature matrix out of an open HDF5 file with jhdf, converting float16/float64 to float32. */
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
     * @param file an open file
     * @param id the feature id
     * @param source the file path, for messages
     * @param expected the expected shape
     * @return the features as rows [N][F]
     * @throws FeatureStoreException when the dataset is missing, has the wrong shape or a non-float type
     */
    static float[][] read(HdfFile file, String id, Path source, FeatureShape expected) {
        Dataset dataset = find(file, id);
        if (dataset == null) {
            throw new FeatureStoreException(
                    "no dataset '" + id + "/" + DATASET + "' (nor '" + id + "') for id '" + id + "' in " + source);
        }
        expected.check(dataset.getDimensions(), id, source);
        Object data = dataset.getData();
        if (data instanceof float[][] rows) {
            return rows;
        }
        if (data instanceof double[][] rows) {
            float[][] out = new float[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = new float[rows[r].length];
                for (int c = 0; c < rows[r].length; c++) {
                    out[r][c] = (float) rows[r][c];
                }
            }
            return out;
        }
        throw new FeatureStoreException(
                "dataset '" + dataset.getPath() + "' in " + source + " holds " + dataset.getJavaType()
                        + " values with shape " + Arrays.toString(dataset.getDimensions())
                        + "; expected a 2-D float16/float32/float64 matrix");
    }
}
