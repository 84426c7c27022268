package org.vladapter.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.model.TinyVl.Tiny;
import org.vladapter.io.SafeTensorsFile;
import org.vladapter.io.SafeTensorsWriter;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.MethodPreset;
import org.vladapter.peft.Placement;
import org.vladapter.peft.Sharing;
import org.vladapter.peft.adapter.AdapterConfig;
import org.vladapter.peft.compacter.CompacterConfig;
import org.vladapter.peft.lora.LoraConfig;
import org.vladapter.backbone.ProjectionSite.Role;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.Task;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Adapter-only checkpoints: what is written, and every refusal naming what differs. */
class AdapterCheckpointTest {

    @TempDir
    Path dir;

    private Path saved(Tiny tiny, MethodPreset preset) {
        VlModel model = TinyVl.builder(tiny, preset).build();
        try (NDManager ignored = model.manager()) {
            Path ckpt = dir.resolve(tiny + "-" + preset.cliName());
            AdapterCheckpoint.save(model, ckpt);
            return ckpt;
        }
    }

    private static void loadInto(VlAdapter.Builder builder, Path ckpt) {
        VlModel model = builder.build();
        try (NDManager ignored = model.manager()) {
            AdapterCheckpoint.load(model, ckpt);
        }
    }

    @Test
    void writesOnlyTrainableTensorsAndTheConfigAtomically() throws Exception {
        Path ckpt = saved(Tiny.BART, MethodPreset.MULTIPLE_ADAPTERS);
        try (FolderNames files = new FolderNames(ckpt)) {
            assertThat(files.names()).containsExactlyInAnyOrder(AdapterCheckpoint.WEIGHTS_FILE, AdapterCheckpoint.CONFIG_FILE);
        }
        try (FolderNames siblings = new FolderNames(dir)) {
            assertThat(siblings.names()).allSatisfy(n -> assertThat(n).doesNotStartWith(".")); // no temp folders left
        }
        JsonObject config = AdapterCheckpoint.readConfig(ckpt);
        assertThat(config.get("method").getAsString()).isEqualTo("ADAPTER");
        assertThat(config.get("method_preset").getAsString()).isEqualTo("multiple-adapters");
        assertThat(config.get("sharing").getAsString()).isEqualTo("MULTIPLE");
        assertThat(config.get("library_version").getAsString()).isEqualTo(org.vladapter.io.LibraryVersion.get());
        assertThat(config.get("backbone_fingerprint").getAsString()).hasSize(16);
        assertThat(config.get("seed").getAsLong()).isEqualTo(TinyVl.SEED);
        assertThat(config.get("feature_dim").getAsInt()).isEqualTo(TinyVl.FEATURE_DIM);
        assertThat(config.getAsJsonArray("tasks").toString()).isEqualTo("[\"vqa\",\"gqa\",\"nlvr\",\"caption\"]");
        assertThat(config.has("frozen_added_rows_sha256")).isTrue();
        try (SafeTensorsFile file = SafeTensorsFile.open(ckpt.resolve(AdapterCheckpoint.WEIGHTS_FILE))) {
            assertThat(file.names()).hasSize(config.getAsJsonArray("tensors").size())
                    .contains("model.encoder.layers.0.attn_adapter.adapters.gqa.down_sampler.weight",
                            "model.encoder.visual_embedding.feat_embedding.0.weight")
                    .noneMatch(n -> n.contains("q_proj") || n.endsWith("shared.weight"));
        }
        AdapterCheckpoint.Listing listing = AdapterCheckpoint.list(ckpt);
        assertThat(listing.table().columnNames()).containsExactly("name", "shape", "numel");
        assertThat(listing.text()).contains("ADAPTER / MULTIPLE", "tensors", "adapters.caption.up_sampler.weight");
    }

    @Test
    void savingAgainReplacesTheCheckpoint() {
        Path ckpt = saved(Tiny.T5, MethodPreset.SINGLE_PROMPT);
        VlModel other = TinyVl.builder(Tiny.T5, MethodPreset.SINGLE_LORA).build();
        try (NDManager ignored = other.manager()) {
            AdapterCheckpoint.save(other, ckpt);
        }
        assertThat(AdapterCheckpoint.readConfig(ckpt).get("method").getAsString()).isEqualTo("LORA");
        assertThat(AdapterCheckpoint.list(ckpt).table().stringColumn("name").asList()).noneMatch(n -> n.contains("prompt"));
    }

    @Test
    void refusesACheckpointOfAnotherMethodNamingTheFields() {
        Path ckpt = saved(Tiny.BART, MethodPreset.SINGLE_ADAPTER);
        assertThatThrownBy(() -> loadInto(TinyVl.builder(Tiny.BART, MethodPreset.SINGLE_LORA), ckpt))
                .hasMessageContaining("adapter_config.json").hasMessageContaining("method: checkpoint \"ADAPTER\", model \"LORA\"");
        assertThatThrownBy(() -> loadInto(TinyVl.builder(Tiny.BART, MethodPreset.MULTIPLE_ADAPTERS), ckpt))
                .hasMessageContaining("sharing: checkpoint \"SINGLE\", model \"MULTIPLE\"");
        assertThatThrownBy(() -> loadInto(TinyVl.builder(Tiny.BART, MethodPreset.SINGLE_ADAPTER).reductionFactor(4), ckpt))
                .hasMessageContaining("method_config: checkpoint").hasMessageContaining("\"reduction_factor\":8");
        assertThatThrownBy(() -> loadInto(TinyVl.builder(Tiny.BART, MethodPreset.SINGLE_ADAPTER).featureDim(8), ckpt))
                .hasMessageContaining("feature_dim: checkpoint 16, model 8");
        assertThatThrownBy(() -> loadInto(TinyVl.builder(Tiny.BART, MethodPreset.SINGLE_ADAPTER)
                .tasks(TinyVl.TASKS.subList(0, 2)), ckpt)).hasMessageContaining("tasks: checkpoint [\"vqa\",\"gqa\",\"nlvr\",\"caption\"]");
    }

    @Test
    void anyConfigurationReloadsToAnIdenticalModel() {
        List<MethodConfig> configs = List.of(
                AdapterConfig.builder().sharing(Sharing.MULTIPLE).reductionFactor(4)
                        .placements(EnumSet.of(Placement.ENCODER_FEED_FORWARD, Placement.DECODER_CROSS_ATTENTION)).build(),
                LoraConfig.builder().rank(3).alpha(6).sharing(Sharing.MULTIPLE)
                        .targetRoles(EnumSet.of(Role.KEY, Role.OUTPUT, Role.FFN_OUT))
                        .targetPlacements(EnumSet.of(Placement.ENCODER_SELF_ATTENTION, Placement.DECODER_FEED_FORWARD)).build(),
                CompacterConfig.builder().phmDim(4).factorizedPhm(true).phmRank(2).crossAttention(false).build());
        for (Tiny tiny : Tiny.values()) {
            for (MethodConfig config : configs) {
                Path ckpt = dir.resolve(tiny + "-custom-" + config.method() + "-" + config.toJson().hashCode());
                Map<String, float[]> values = new LinkedHashMap<>();
                Map<String, Shape> shapes = new LinkedHashMap<>();
                float[] logits;
                VlModel model = VlAdapter.builder().backbone(tiny.backbone()).method(config).tasks(TinyVl.TASKS)
                        .featureDim(TinyVl.FEATURE_DIM).seed(TinyVl.SEED).build();
                Batch batch = TinyVl.batches(model.backbone().config()).get(Task.VQA);
                try (NDManager ignored = model.manager()) {
                    java.util.Random random = new java.util.Random(7);
                    for (Map.Entry<String, Parameter> e : model.trainableParameters().entrySet()) {
                        NDArray a = e.getValue().getArray();
                        float[] v = new float[Math.toIntExact(a.size())];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = (float) random.nextGaussian() * 0.05f; // not the initialisation: LoRA B starts at 0
                        }
                        a.set(FloatBuffer.wrap(v));
                        values.put(e.getKey(), v);
                        shapes.put(e.getKey(), a.getShape());
                    }
                    logits = MethodMatrixTest.logits(model, batch);
                    AdapterCheckpoint.save(model, ckpt);
                }
                VlModel rebuilt = VlAdapter.builder().fromAdapterCheckpoint(ckpt).backbone(tiny.backbone()).build();
                try (NDManager ignored = rebuilt.manager()) {
                    assertThat(rebuilt.method().toJson()).as("%s %s", tiny, config).isEqualTo(config.toJson());
                    Map<String, Parameter> trainable = rebuilt.trainableParameters();
                    assertThat(trainable.keySet()).as("%s %s", tiny, config).containsExactlyElementsOf(values.keySet());
                    trainable.forEach((n, p) -> {
                        assertThat(p.getArray().getShape()).as(n).isEqualTo(shapes.get(n));
                        assertThat(p.getArray().toFloatArray()).as(n).isEqualTo(values.get(n));
                    });
                    assertThat(MethodMatrixTest.logits(rebuilt, batch)).as("%s %s forward", tiny, config).isEqualTo(logits);
                }
            }
        }
    }

    @Test
    void refusesAVersionOneCheckpointNamingTheVersion() throws Exception {
        Path ckpt = saved(Tiny.BART, MethodPreset.SINGLE_ADAPTER);
        Path config = ckpt.resolve(AdapterCheckpoint.CONFIG_FILE);
        Files.writeString(config, Files.readString(config).replace("\"format_version\": 2", "\"format_version\": 1"));
        assertThatThrownBy(() -> VlAdapter.builder().fromAdapterCheckpoint(ckpt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format_version 1 is not supported").hasMessageContaining("save the adapter again");
    }

    @Test
    void namesABrokenMethodConfigurationInTheCheckpoint() throws Exception {
        Path ckpt = saved(Tiny.BART, MethodPreset.SINGLE_LORA);
        Path config = ckpt.resolve(AdapterCheckpoint.CONFIG_FILE);
        Files.writeString(config, Files.readString(config).replace("\"rank\": 128", "\"rank\": \"128\""));
        assertThatThrownBy(() -> VlAdapter.builder().fromAdapterCheckpoint(ckpt))
                .hasMessageContaining("adapter_config.json").hasMessageContaining("LoraConfig: key \"rank\" must be an integer");
    }

    @Test
    void refusesACheckpointOfAnotherBackbone() {
        Path ckpt = saved(Tiny.BART, MethodPreset.SINGLE_ADAPTER);
        assertThatThrownBy(() -> loadInto(TinyVl.builder(Tiny.T5, MethodPreset.SINGLE_ADAPTER), ckpt))
                .hasMessageContaining("backbone_fingerprint: checkpoint").hasMessageContaining("model_type: checkpoint \"bart\", model \"t5\"");
    }

    @Test
    void refusesDifferentFrozenRowsAndNamesTheSeed() {
        Path ckpt = saved(Tiny.BART, MethodPreset.SINGLE_ADAPTER);
        assertThatThrownBy(() -> loadInto(TinyVl.builder(Tiny.BART, MethodPreset.SINGLE_ADAPTER).seed(1), ckpt))
                .hasMessageContaining("frozen added vocabulary rows").hasMessageContaining("seed " + TinyVl.SEED);
    }

    @Test
    void namesMissingUnknownAndMisshapenTensors() throws Exception {
        Path ckpt = saved(Tiny.BART, MethodPreset.SINGLE_ADAPTER);
        Path weights = ckpt.resolve(AdapterCheckpoint.WEIGHTS_FILE);
        String victim = "model.encoder.layers.1.ff_adapter.adapters.vqa.up_sampler.weight";
        List<String> names;
        try (SafeTensorsFile file = SafeTensorsFile.open(weights)) {
            names = file.names();
            SafeTensorsWriter misshapen = new SafeTensorsWriter();
            SafeTensorsWriter missing = new SafeTensorsWriter();
            SafeTensorsWriter unknown = new SafeTensorsWriter();
            for (String n : names) {
                float[] v = file.readFloats(n);
                Shape s = file.shape(n);
                if (n.equals(victim)) {
                    misshapen.add(n, v, new Shape(s.get(1), s.get(0)));
                } else {
                    misshapen.add(n, v, s);
                    missing.add(n, v, s);
                }
                unknown.add(n, v, s);
            }
            unknown.add("model.encoder.layers.0.self_attn.q_proj.weight", new float[32 * 32], new Shape(32, 32));
            misshapen.write(dir.resolve("misshapen.safetensors"));
            missing.write(dir.resolve("missing.safetensors"));
            unknown.write(dir.resolve("unknown.safetensors"));
        }
        Files.copy(dir.resolve("misshapen.safetensors"), weights, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> loadInto(TinyVl.builder(Tiny.BART, MethodPreset.SINGLE_ADAPTER), ckpt))
                .hasMessageContaining(victim).hasMessageContaining(weights.toString())
                .hasMessageContaining("expected shape (32, 4), found (4, 32)");
        Files.copy(dir.resolve("missing.safetensors"), weights, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> loadInto(TinyVl.builder(Tiny.BART, MethodPreset.SINGLE_ADAPTER), ckpt))
                .hasMessageContaining("tensor '" + victim + "' missing from " + weights);
        Files.copy(dir.resolve("unknown.safetensors"), weights, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> loadInto(TinyVl.builder(Tiny.BART, MethodPreset.SINGLE_ADAPTER), ckpt))
                .hasMessageContaining("does not train: model.encoder.layers.0.self_attn.q_proj.weight");
    }

    @Test
    void explainsFoldersThatAreNotAdapterCheckpoints() throws Exception {
        assertThatThrownBy(() -> AdapterCheckpoint.readConfig(Path.of("src/test/resources/fixtures/hf/bart-tiny")))
                .hasMessageContaining("no adapter_config.json").hasMessageContaining("looks like an HF model folder");
        Path bogus = dir.resolve("bogus");
        Files.createDirectories(bogus);
        Files.writeString(bogus.resolve(AdapterCheckpoint.CONFIG_FILE), "{\"method\": \"LORA\"}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AdapterCheckpoint.readConfig(bogus)).hasMessageContaining("key \"format\"");
        Files.writeString(bogus.resolve(AdapterCheckpoint.CONFIG_FILE), "{not json", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AdapterCheckpoint.readConfig(bogus)).hasMessageContaining("malformed JSON");
    }

    /** File names of a folder. */
    private static final class FolderNames implements AutoCloseable {
        private final java.util.stream.Stream<Path> files;

        FolderNames(Path dir) throws java.io.IOException {
            this.files = Files.list(dir);
        }

        List<String> names() {
            return files.map(p -> p.getFileName().toString()).toList();
        }

        @Override
        public void close() {
            files.close();
        }
    }
}
