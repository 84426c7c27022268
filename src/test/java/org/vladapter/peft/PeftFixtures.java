package org.vladapter.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import org.vladapter.nn.Module;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the PEFT reference fixtures ({@code fixtures/peft/*.safetensors}) and loads them into modules. */
public final class PeftFixtures {

    private PeftFixtures() {}

    /**
     * @param manager owner of the arrays
     * @param module fixture name, e.g. {@code adapter}
     * @return arrays by name
     */
    public static Map<String, NDArray> load(NDManager manager, String module) {
        String resource = "/fixtures/peft/" + module + ".safetensors";
        try (InputStream in = PeftFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            NDList list = NDList.decode(manager, in.readAllBytes());
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (NDArray a : list) {
                out.put(a.getName(), a);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /**
     * Initialises the module, then copies every {@code prefix + name} fixture tensor into the parameter of
     * that name, checking that names and shapes match both ways.
     *
     * @param module the module
     * @param fixture the fixture arrays
     * @param prefix the fixture's parameter prefix ({@code param.})
     * @param manager the manager for the module's parameters
     */
    public static void loadParameters(Module module, Map<String, NDArray> fixture, String prefix, NDManager manager) {
        module.initialize(manager, DataType.FLOAT32);
        Map<String, Parameter> params = module.namedParameters();
        TreeSet<String> fixtureNames = new TreeSet<>();
        for (String n : fixture.keySet()) {
            if (n.startsWith(prefix)) {
                fixtureNames.add(n.substring(prefix.length()));
            }
        }
        assertThat(new TreeSet<>(params.keySet())).as("parameter names").isEqualTo(fixtureNames);
        for (String name : fixtureNames) {
            NDArray src = fixture.get(prefix + name);
            NDArray dst = params.get(name).getArray();
            assertThat(dst.getShape()).as("shape of " + name).isEqualTo(src.getShape());
            dst.set(src.toType(DataType.FLOAT32, false).toFloatArray());
        }
    }

    /**
     * @param actual computed
     * @param expected reference
     * @return the max absolute difference
     */
    public static double maxAbsDiff(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - e[i]));
        }
        return max;
    }
}
