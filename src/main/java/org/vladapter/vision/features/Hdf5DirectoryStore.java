package org.vladapter.vision.features;

import io.jhdf.HdfFile;

import java.nio.file.Path;

/**
 * The VL-Adapter release layout: one file {@code <dir>/<id>.h5} per image holding the dataset {@code
 * <id>/features} (49, 2048) float16, read as float32. Each read opens and closes its file, so the store
 * is thread-safe and holds no file handles.
 */
public final class Hdf5DirectoryStore extends PerFileStore {

    /**
     * @param directory the folder of {@code <id>.h5} files (e.g. {@code COCO/clip_features/data_clip_RN101_att})
     * @param expected the shape every feature matrix must have
     */
    public Hdf5DirectoryStore(Path directory, FeatureShape expected) {
        super(directory, "h5", expected);
    }

    @Override
    protected float[][] read(String id, Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            return Hdf5Features.read(hdf, id, file, expected);
        } catch (FeatureStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            // jhdf signals a damaged file with HdfException and, deeper in, with buffer and argument errors
            throw new FeatureStoreException("cannot read features of '" + id + "' from " + file
                    + ": damaged HDF5 file (" + Hdf5Features.reason(e) + ")", e);
        }
    }

    @Override
    protected int[] headerShape(String id, Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            io.jhdf.api.Dataset dataset = Hdf5Features.find(hdf, id);
            if (dataset == null) {
                throw new FeatureStoreException("no dataset '" + id + "/" + Hdf5Features.DATASET + "' (nor '" + id
                        + "') for id '" + id + "' in " + file);
            }
            return dataset.getDimensions();
        } catch (FeatureStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FeatureStoreException("cannot read features of '" + id + "' from " + file
                    + ": damaged HDF5 file (" + Hdf5Features.reason(e) + ")", e);
        }
    }
}
