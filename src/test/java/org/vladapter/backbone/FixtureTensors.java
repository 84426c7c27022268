package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.LinkedHashMap;
import ai.djl.ndarray.types.DataType;
import org.vladapter.backbone.bart.BartModel;
import org.vladapter.backbone.t5.T5Model;
import java.util.Map;
import java.util.Set;

/** Test helper: the HF parity fixtures under {@code src/test/resources/fixtures/hf}. */
public final class FixtureTensors implements TensorSource {

    private final Map<String, NDArray> tensors = new LinkedHashMap<>();
    private final String description;

    private FixtureTensors(NDManager manager, Path file) {
        this.description = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(manager, in.readAllBytes());
            for (NDArray a : list) {
                tensors.put(a.getName(), a);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name {@code bart-tiny} or {@code t5-tiny}
     * @return the fixture folder
     */
    public static Path folder(String name) {
        return Paths.get("src/test/resources/fixtures/hf", name);
    }

    /**
     * @param manager where to create the arrays
     * @param file a safetensors file
     * @return its tensors
     */
    public static FixtureTensors read(NDManager manager, Path file) {
        return new FixtureTensors(manager, file);
    }

    /**
     * @param name tensor name
     * @return the tensor
     */
    public NDArray get(String name) {
        NDArray a = tensors.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no tensor " + name + " in " + description);
        }
        return a;
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    @Override
    public Shape shape(String name) {
        return get(name).getShape();
    }

    @Override
    public NDArray load(String name, NDManager manager) {
        NDArray a = get(name).duplicate();
        a.attach(manager);
        return a;
    }

    @Override
    public String describe() {
        return description;
    }
    /**
     * @param manager model manager
     * @param name fixture folder name
     * @return the fixture model with its weights
     */
    public static EncoderDecoder loadModel(NDManager manager, String name) {
        Path dir = FixtureTensors.folder(name);
        ModelConfig config = ModelConfig.fromFolder(dir);
        EncoderDecoder model = config.type() == ModelType.BART ? new BartModel(config) : new T5Model(config);
        model.initialize(manager, DataType.FLOAT32);
        FixtureTensors weights = FixtureTensors.read(manager, dir.resolve("model.safetensors"));
        CheckpointLoader.load(model, weights, new HashSet<>(model.namedParameters().keySet()), false);
        return model;
    }

}
