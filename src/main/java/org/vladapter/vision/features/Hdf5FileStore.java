package org.vladapter.vision.features;

import io.jhdf.HdfFile;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One HDF5 file holding the features of many images, keyed by id: either a group per id with a dataset
 * {@code features} ({@code <id>/features}, the per-image layout merged into one file) or a dataset named
 * by the id itself. The file stays open until {@link #close()}; reads are serialised on it.
 */
public final class Hdf5FileStore implements FeatureStore {

    private final Path file;
    private final FeatureShape expected;
    private final HdfFile hdf;

    /**
     * @param file the multi-image file
     * @param expected the shape every feature matrix must have
     * @throws FeatureStoreException when the file is missing or is not HDF5
     */
    public Hdf5FileStore(Path file, FeatureShape expected) {
        this.file = file;
        this.expected = expected;
        if (!Files.isRegularFile(file)) {
            throw new FeatureStoreException("feature file " + file + " not found");
        }
        HdfFile opened = null;
        try {
            opened = new HdfFile(file);
            Hdf5Features.checkComplete(opened, file);
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            if (e instanceof FeatureStoreException f) {
                throw f;
            }
            throw new FeatureStoreException("cannot open feature file " + file + ": not a readable HDF5 file ("
                    + Hdf5Features.reason(e) + ")", e);
        }
        this.hdf = opened;
    }

    @Override
    public synchronized float[][] features(String id) {
        try {
            if (Hdf5Features.find(hdf, id) == null) {
                throw new FeatureStoreException("no features for id '" + id + "' in " + file + " (looked for '" + id
                        + "/features' and '" + id + "')");
            }
            return Hdf5Features.read(hdf, id, file, expected);
        } catch (FeatureStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FeatureStoreException("cannot read features of '" + id + "' from " + file
                    + ": damaged HDF5 file (" + Hdf5Features.reason(e) + ")", e);
        }
    }

    @Override
    public synchronized boolean contains(String id) {
        try {
            return Hdf5Features.find(hdf, id) != null;
        } catch (RuntimeException e) {
            throw new FeatureStoreException("cannot look up id '" + id + "' in " + file + ": damaged HDF5 file ("
                    + Hdf5Features.reason(e) + ")", e);
        }
    }

    @Override
    public String describe() {
        return "HDF5 file " + file;
    }

    @Override
    public synchronized void close() {
        hdf.close();
    }
}
