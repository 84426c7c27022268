package org.vladapter.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files of a model repository that {@code --backbone} reads: configuration, tokenizer files and one weights
 * file ({@code model.safetensors}, else {@code pytorch_model.bin}), so that a download skips the TensorFlow, Flax,
 * Rust and ONNX copies of the weights that model repositories often carry as well.
 */
public final class BackboneFiles {

    /** Configuration and tokenizer files taken when the repository lists them. */
    public static final Set<String> SMALL_FILES = Set.of("config.json", "generation_config.json", "tokenizer.json",
            "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.json", "merges.txt",
            "spiece.model");

    private BackboneFiles() {}

    /**
     * @param repo the repository, for messages
     * @param listed the repository's file paths
     * @return the paths to fetch
     * @throws HubException when the repository has no config.json or no single-file weights
     */
    public static List<String> select(RepoId repo, List<String> listed) {
        List<String> out = new ArrayList<>();
        for (String p : listed) {
            if (SMALL_FILES.contains(p)) {
                out.add(p);
            }
        }
        if (!out.contains("config.json")) {
            throw new HubException(repo + " has no config.json at its top level; it is no transformers model repository");
        }
        if (listed.contains("model.safetensors")) {
            out.add("model.safetensors");
        } else if (listed.contains("pytorch_model.bin")) {
            out.add("pytorch_model.bin");
        } else {
            boolean sharded = listed.contains("model.safetensors.index.json") || listed.contains("pytorch_model.bin.index.json");
            throw new HubException(repo + " has neither model.safetensors nor pytorch_model.bin"
                    + (sharded ? " (its weights are sharded, which --backbone does not read)" : ""));
        }
        return out;
    }
}
