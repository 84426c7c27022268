package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.vladapter.nn.Buffer;
import org.vladapter.nn.Module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies checkpoint tensors into an initialised model by HF name, strictly: every required parameter
 * must be present with the right shape, and every tensor in the checkpoint must be known.
 *
 * <p>Accepted naming differences: BART checkpoints saved as {@code BartModel} (no {@code model.} prefix);
 * tied copies of the shared embedding ({@code lm_head.weight}, {@code *.embed_tokens.weight}); a missing
 * {@code final_logits_bias} (zeros). With vocabulary growth allowed, the shared embedding (and BART's
 * {@code final_logits_bias}) may have fewer rows in the checkpoint than in the model: the checkpoint fills
 * the first rows and the new rows keep their initialisation (VL-Adapter's 200 added tokens).
 */
public final class CheckpointLoader {

    private CheckpointLoader() {}

    /**
     * @param model an initialised model
     * @param source the checkpoint
     * @param required the parameter names the checkpoint must supply (others keep their initialisation)
     * @param allowVocabGrowth whether the checkpoint's vocabulary may be smaller than the model's
     * @return the names loaded
     * @throws IllegalArgumentException naming the checkpoint and tensor on a missing, unknown or misshapen tensor
     */
    public static List<String> load(Module model, TensorSource source, Set<String> required, boolean allowVocabGrowth) {
        Map<String, Parameter> params = model.namedParameters();
        Map<String, Buffer> buffers = model.namedBuffers();
        Map<String, String> fileNameOf = new LinkedHashMap<>();
        Set<String> available = source.names();
        for (String name : params.keySet()) {
            String found = resolve(name, available);
            if (found != null) {
                fileNameOf.put(name, found);
            } else if (required.contains(name)) {
                throw new IllegalArgumentException("missing tensor '" + name + "' in " + source.describe()
                        + " (it has " + available.size() + " tensors, e.g. " + sample(available) + ")");
            }
        }
        for (String name : buffers.keySet()) {
            String found = resolve(name, available);
            if (found != null) {
                fileNameOf.put(name, found);
            }
        }
        Set<String> used = new TreeSet<>(fileNameOf.values());
        List<String> unknown = new ArrayList<>();
        for (String n : available) {
            if (!used.contains(n) && !isTiedAlias(n)) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown tensor(s) in " + source.describe() + ": "
                    + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                    + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : "")
                    + "; the model expects names like " + sample(params.keySet()));
        }
        List<String> loaded = new ArrayList<>();
        for (Map.Entry<String, String> e : fileNameOf.entrySet()) {
            String name = e.getKey();
            String fileName = e.getValue();
            Parameter p = params.get(name);
            Shape expected = p != null ? p.getArray().getShape() : buffers.get(name).shape();
            Shape found = source.shape(fileName);
            NDManager manager = p != null ? p.getArray().getManager() : buffers.get(name).array().getManager();
            boolean grow = allowVocabGrowth && isVocabTensor(name) && found.dimension() == expected.dimension()
                    && growsAlongVocab(found, expected);
            if (!found.equals(expected) && !grow) {
                throw new IllegalArgumentException("tensor '" + fileName + "' in " + source.describe()
                        + ": expected shape " + expected + ", found " + found);
            }
            NDArray value = source.load(fileName, manager);
            if (grow) {
                value = growRows(value, p != null ? p.getArray() : buffers.get(name).array(), found, expected);
            }
            if (p != null) {
                boolean grad = p.requiresGradient();
                if (!grow) {
                    // A CPU array made from a Java buffer shares that buffer's memory, which only its own Java
                    // object keeps alive; intern() moves the tensor but not that reference, so the parameter
                    // would read freed memory once the garbage collector runs. Intern a native copy instead.
                    NDArray owned = value.duplicate();
                    value.close();
                    value = owned;
                }
                p.getArray().intern(value);
                if (grad) {
                    p.getArray().setRequiresGradient(true);
                }
            } else {
                buffers.get(name).set(value);
            }
            loaded.add(name);
        }
        checkTiedCopies(params, source, used);
        return loaded;
    }

    /**
     * A checkpoint may carry copies of the shared embedding ({@code encoder.embed_tokens.weight},
     * {@code lm_head.weight} of a tied model). They are not loaded, so they must equal the shared embedding:
     * otherwise the checkpoint is not tied the way its config says, and loading it would silently change it.
     */
    private static void checkTiedCopies(Map<String, Parameter> params, TensorSource source, Set<String> used) {
        Parameter shared = null;
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (e.getKey().endsWith("shared.weight")) {
                shared = e.getValue();
            }
        }
        if (shared == null) {
            return;
        }
        for (String n : source.names()) {
            if (used.contains(n) || !isTiedAlias(n) || !source.shape(n).equals(shared.getArray().getShape())) {
                continue;
            }
            try (NDArray copy = source.load(n, shared.getArray().getManager());
                    NDArray diff = copy.sub(shared.getArray()).abs().max()) {
                float d = diff.getFloat();
                if (!(d == 0f)) { // NaN in either copy differs too
                    throw new IllegalArgumentException("tensor '" + n + "' in " + source.describe()
                            + " differs from the shared embedding (max |difference| " + d + "), but the model ties them"
                            + " (tie_word_embeddings in config.json)");
                }
            }
        }
    }

    private static String resolve(String name, Set<String> available) {
        if (available.contains(name)) {
            return name;
        }
        if (name.startsWith("model.") && available.contains(name.substring(6))) {
            return name.substring(6);
        }
        return null;
    }

    private static boolean isTiedAlias(String n) {
        return n.equals("lm_head.weight") || n.endsWith("embed_tokens.weight");
    }

    private static boolean isVocabTensor(String name) {
        return name.endsWith("shared.weight") || name.equals("final_logits_bias") || name.equals("lm_head.weight");
    }

    private static boolean growsAlongVocab(Shape found, Shape expected) {
        int axis = found.dimension() == 2 && found.get(0) != 1 ? 0 : found.dimension() - 1;
        for (int i = 0; i < found.dimension(); i++) {
            if (i == axis ? found.get(i) > expected.get(i) : found.get(i) != expected.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static NDArray growRows(NDArray loaded, NDArray current, Shape found, Shape expected) {
        int axis = found.dimension() == 2 && found.get(0) != 1 ? 0 : found.dimension() - 1;
        long have = found.get(axis);
        NDArray rest = axis == 0 ? current.get(have + ":") : current.get(":, " + have + ":");
        NDArray grown = loaded.concat(rest, axis);
        loaded.close();
        rest.close();
        return grown;
    }

    private static String sample(Set<String> names) {
        List<String> l = new ArrayList<>(names);
        return String.join(", ", l.subList(0, Math.min(3, l.size())));
    }
}
