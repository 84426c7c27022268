package org.vladapter.fuzz;

import org.vladapter.backbone.ModelConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code config.json} of a BART and a T5 checkpoint read with {@link ModelConfig#fromFolder}: the lenient numbers,
 * wrong types, out-of-range and absurd sizes, and lenient JSON the loader used to accept, plus random edits.
 * Only the configuration is read (nothing is allocated), so absurd sizes must be refused by the parser itself.
 */
final class ConfigInputs implements InputClass {

    static final String FILE = "config.json";

    @Override
    public String name() {
        return "config";
    }

    @Override
    public List<FuzzCase> cases(Random random, int count) {
        String bart = Mutations.text(Mutations.resource("bart_config.json"));
        String t5 = Mutations.text(Mutations.resource("t5_config.json"));
        List<FuzzCase> fixed = new ArrayList<>();
        String[][] bartBad = {
            {"\"d_model\": 32", "\"d_model\": 4294967328"},
            {"\"d_model\": 32", "\"d_model\": 32.5"},
            {"\"d_model\": 32", "\"d_model\": [32]"},
            {"\"d_model\": 32", "\"d_model\": \"32\""},
            {"\"d_model\": 32", "\"d_model\": 1e6"},
            {"\"d_model\": 32", "\"d_model\": 0"},
            {"\"d_model\": 32", "\"d_model\": 30"},
            {"\"encoder_layers\": 2", "\"encoder_layers\": 100000"},
            {"\"encoder_layers\": 2", "\"encoder_layers\": -1"},
            {"\"vocab_size\": 128", "\"vocab_size\": 100000000"},
            {"\"pad_token_id\": 1", "\"pad_token_id\": -1"},
            {"\"eos_token_id\": 2", "\"eos_token_id\": 128"},
            {"\"dropout\": 0.0", "\"dropout\": 1.5"},
            {"\"dropout\": 0.0", "\"dropout\": NaN"},
            {"\"init_std\": 0.02", "\"init_std\": -0.02"},
            {"\"scale_embedding\": false", "\"scale_embedding\": 0"},
            {"\"activation_function\": \"gelu\"", "\"activation_function\": \"swish\""},
            {"\"model_type\": \"bart\"", "\"model_type\": 'bart'"},
            {"\"max_position_embeddings\": 64", "\"max_position_embeddings\": 64, // comment"},
            {"\"vocab_size\": 128", "\"vocab_size\": 128,"},
            {"\"d_model\": 32", "\"d_model\": 32, \"d_model\": 64"},
            {"\"max_position_embeddings\": 64", "\"max_position_embeddings\": 64, \"max_length\": 1e9"},
            {"\"max_position_embeddings\": 64", "\"max_position_embeddings\": 64, \"num_beams\": 0"},
            {"\"vocab_size\": 128", "\"vocab_siz\": 128"},
        };
        for (String[] b : bartBad) {
            fixed.add(new FuzzCase("bart:" + b[1], Mutations.files(FILE, Mutations.utf8(Mutations.replaceFirst(bart, b[0],
                    b[1]))), FILE, Expect.REFUSE, null));
        }
        String[][] t5Bad = {
            {"\"layer_norm_epsilon\": 1e-06", "\"layer_norm_epsilon\": -1e-06"},
            {"\"layer_norm_epsilon\": 1e-06", "\"layer_norm_epsilon\": 0"},
            {"\"relative_attention_max_distance\": 20", "\"relative_attention_max_distance\": 0"},
            {"\"relative_attention_max_distance\": 20", "\"relative_attention_max_distance\": -20"},
            {"\"relative_attention_num_buckets\": 8", "\"relative_attention_num_buckets\": 0"},
            {"\"num_heads\": 4", "\"num_heads\": 4.5"},
            {"\"d_kv\": 8", "\"d_kv\": 1000000"},
            {"\"num_layers\": 2", "\"num_layers\": 1e5"},
            {"\"feed_forward_proj\": \"relu\"", "\"feed_forward_proj\": \"gated-silu\""},
            {"\"decoder_start_token_id\": 0", "\"decoder_start_token_id\": -5"},
        };
        for (String[] b : t5Bad) {
            fixed.add(new FuzzCase("t5:" + b[1], Mutations.files(FILE, Mutations.utf8(Mutations.replaceFirst(t5, b[0],
                    b[1]))), FILE, Expect.REFUSE, null));
        }
        fixed.add(new FuzzCase("bart:compact", Mutations.files(FILE, Mutations.utf8(bart.replaceAll("\\s*\n\\s*", ""))),
                FILE, Expect.ACCEPT_SAME, Mutations.files(FILE, Mutations.utf8(bart))));
        fixed.add(new FuzzCase("bart:integral-float", Mutations.files(FILE, Mutations.utf8(Mutations.replaceFirst(bart,
                "\"d_model\": 32", "\"d_model\": 32.0"))), FILE, Expect.ACCEPT_SAME, Mutations.files(FILE, Mutations.utf8(bart))));
        fixed.add(new FuzzCase("bart:unknown-key", Mutations.files(FILE, Mutations.utf8(Mutations.replaceFirst(bart,
                "{", "{\"my_note\": [1, {\"a\": null}],"))), FILE, Expect.ACCEPT_SAME, Mutations.files(FILE, Mutations.utf8(bart))));
        return Mutations.assemble(fixed, count, () -> {
            boolean useBart = random.nextBoolean();
            return Mutations.randomJsonEdit(random, FILE, java.util.Map.of(), Mutations.utf8(useBart ? bart : t5));
        });
    }

    @Override
    public Object load(Path folder, String target) {
        return ModelConfig.fromFolder(folder);
    }
}
