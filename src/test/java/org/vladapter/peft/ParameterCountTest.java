package org.vladapter.peft;

import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.peft.adapter.AdapterConfig;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "% updated parameters" of docs/behaviour.md#parameter-percentages on shape-only bart-base / t5-base stand-ins built through the real
 * hooks: the published 4.18 % (image) and 3.39 % (video) of the single adapter, and the code-derived
 * figures of docs/behaviour.md#parameter-percentages / 6.5.
 */
class ParameterCountTest {

    private static final List<String> IMAGE = List.of("vqa", "gqa", "nlvr", "caption");
    private static final List<String> VIDEO = List.of("tvqa", "how2qa", "tvc", "yc2c");

    private static ParameterSummary bart(MethodPreset preset, List<String> tasks, long featDim) {
        MethodConfig config = preset.defaultConfig();
        LayerHooks hooks = config.createHooks(tasks, BackboneShape.bartBase());
        Map<String, Parameter> params = SyntheticBackbone.bartBase(hooks, featDim).namedParameters();
        return ParameterSummary.of(params, TrainableSelector.forMethod(config.method())::isTrainable);
    }

    private static ParameterSummary t5(MethodPreset preset, boolean fixQuirk) {
        MethodConfig config = preset.defaultConfig();
        LayerHooks hooks = config.createHooks(IMAGE, BackboneShape.t5Base());
        Map<String, Parameter> params = SyntheticBackbone.t5Base(hooks).namedParameters();
        TrainableSelector selector = TrainableSelector.builder().method(config.method())
                .unfreezeT5LayerNorms(fixQuirk).build();
        return ParameterSummary.of(params, selector::isTrainable);
    }

    @Test
    void plainBackbonesHaveTheHfParameterCounts() {
        // 139,420,416 (bart-base) + 200 added rows x 768 + visual embedding 1,582,848
        ParameterSummary b = bart(MethodPreset.FULL_FINETUNING, IMAGE, 2048);
        assertThat(b.allParams()).isEqualTo(139_420_416L + 200 * 768 + 1_582_848L);
        assertThat(b.trainableParams()).isEqualTo(b.allParams()); // final_logits_bias is a buffer, not counted
        // 222,903,552 (t5-base) + 72 added rows x 768 + T5 visual embedding 1,581,312
        assertThat(t5(MethodPreset.FULL_FINETUNING, false).allParams()).isEqualTo(222_903_552L + 72 * 768 + 1_581_312L);
    }

    @Test
    void singleAdapterReproducesThePublishedPercentages() {
        ParameterSummary image = bart(MethodPreset.SINGLE_ADAPTER, IMAGE, 2048);
        assertThat(image.trainableParams()).isEqualTo(30 * 148_320L + 32 * 1536L + 1_582_848L);
        assertThat(String.format("%.2f", image.trainablePercent())).isEqualTo("4.18");
        assertThat(image.line()).startsWith("trainable params: 6,081,600 || all params: 145,606,464 || trainable%: 4.18");
        assertThat(String.format("%.2f", bart(MethodPreset.SINGLE_ADAPTER, VIDEO, 512).trainablePercent())).isEqualTo("3.39");
    }

    @Test
    void codeDerivedFiguresOfTheSpec() {
        assertThat(String.format("%.2f", t5(MethodPreset.SINGLE_ADAPTER, false).trainablePercent())).isEqualTo("4.49");
        assertThat(String.format("%.2f", t5(MethodPreset.SINGLE_ADAPTER, true).trainablePercent())).isEqualTo("4.51");
        assertThat(String.format("%.2f", bart(MethodPreset.VISUAL_PROJECTION_ONLY, IMAGE, 2048).trainablePercent())).isEqualTo("1.12");
        assertThat(String.format("%.2f", bart(MethodPreset.VISUAL_PROJECTION_LAYERNORM, IMAGE, 2048).trainablePercent())).isEqualTo("1.16");
    }

    @Test
    void sharingChangesCountsAsExpected() {
        long single = bart(MethodPreset.SINGLE_ADAPTER, IMAGE, 2048).trainableParams();
        long multiple = bart(MethodPreset.MULTIPLE_ADAPTERS, IMAGE, 2048).trainableParams();
        long half = bart(MethodPreset.HALF_SHARED_ADAPTERS, IMAGE, 2048).trainableParams();
        long perSite = 148_320L;
        long down = 768 * 96 + 96;
        assertThat(multiple - single).isEqualTo(30 * 3 * perSite);
        assertThat(half - single).isEqualTo(30 * 3 * down);
        // a single LoRA: 36 projections x (128 x 768 + 768 x 128) + every bias of the LM + visual embedding
        ParameterSummary lora = bart(MethodPreset.SINGLE_LORA, IMAGE, 2048);
        assertThat(lora.trainableParams()).isGreaterThan(36L * 2 * 128 * 768);
    }

    /**
     * Every paper row: {preset, published VL-BART image %, code-derived VL-BART image %, code-derived VL-BART
     * video % (512-dim features), code-derived VL-T5 image %}. The published image column is the paper's
     * Table 1 (the ablation rows from its component ablation). Where it and the count from the module tree
     * differ the difference is kept visible, not tuned away: multiple LoRA 17.72 published vs 17.71 counted
     * (a rounding of 17.7144 in the original), visual projection only 1.14 vs 1.12 and + LayerNorm 1.18 vs
     * 1.16 (the original's ablation figures do not follow from its code).
     */
    private static final String[][] PAPER_ROWS = {
            {"FULL_FINETUNING", "100.00", "100.00", "100.00", "100.00"},
            {"MULTIPLE_ADAPTERS", "12.22", "12.22", "11.57", "14.29"},
            {"HALF_SHARED_ADAPTERS", "8.36", "8.36", "7.64", "9.63"},
            {"SINGLE_ADAPTER", "4.18", "4.18", "3.39", "4.49"},
            {"HYPERFORMER", "5.79", "5.79", "5.04", "3.69"},
            {"MULTIPLE_COMPACTERS", "7.05", "7.05", "6.32", "8.04"},
            {"SINGLE_COMPACTER", "2.70", "2.70", "1.89", "2.65"},
            {"MULTIPLE_LORA", "17.72", "17.71", "17.14", "20.70"},
            {"SINGLE_LORA", "5.93", "5.93", "5.17", "6.59"},
            {"MULTIPLE_PROMPTS", "4.53", "4.53", "3.76", "2.89"},
            {"SINGLE_PROMPT", "2.00", "2.00", "1.18", "1.26"},
            {"VISUAL_PROJECTION_ONLY", "1.14", "1.12", "0.29", "0.70"},
            {"VISUAL_PROJECTION_LAYERNORM", "1.18", "1.16", "0.32", "0.70"},
    };

    /** The rows whose published and code-derived VL-BART image figures differ. */
    private static final java.util.Set<String> PUBLISHED_DIFFERS =
            java.util.Set.of("MULTIPLE_LORA", "VISUAL_PROJECTION_ONLY", "VISUAL_PROJECTION_LAYERNORM");

    @Test
    void everyPaperRowCountsItsPercentage() {
        assertThat(PAPER_ROWS.length).isEqualTo(MethodPreset.values().length);
        for (String[] row : PAPER_ROWS) {
            MethodPreset p = MethodPreset.valueOf(row[0]);
            String image = String.format(java.util.Locale.ROOT, "%.2f", bart(p, IMAGE, 2048).trainablePercent());
            assertThat(image).as(p + " image (code)").isEqualTo(row[2]);
            assertThat(image.equals(row[1])).as(p + " published " + row[1] + " vs code " + image)
                    .isEqualTo(!PUBLISHED_DIFFERS.contains(row[0]));
            assertThat(String.format(java.util.Locale.ROOT, "%.2f", bart(p, VIDEO, 512).trainablePercent()))
                    .as(p + " video (code)").isEqualTo(row[3]);
            assertThat(String.format(java.util.Locale.ROOT, "%.2f", t5(p, false).trainablePercent()))
                    .as(p + " T5 image (code)").isEqualTo(row[4]);
        }
    }

    @Test
    void everyPaperRowHasAPercentageAndATable() {
        StringBuilder report = new StringBuilder();
        for (MethodPreset p : MethodPreset.values()) {
            ParameterSummary s = bart(p, IMAGE, 2048);
            assertThat(s.trainablePercent()).isBetween(0.0, 100.0);
            report.append(String.format("%-28s %6.2f %%  %s%n", p.cliName(), s.trainablePercent(), s.line()));
        }
        System.out.print(report);
        Table table = bart(MethodPreset.SINGLE_ADAPTER, IMAGE, 2048).table();
        assertThat(table.columnNames()).containsExactly("module", "trainable", "total", "trainable %");
        assertThat(table.stringColumn("module").asList())
                .contains("encoder.layers.*.attn_adapter.adapters.vqa.down_sampler", "shared", "encoder.visual_embedding.feat_embedding.*");
        assertThat(table.longColumn("total").sum()).isEqualTo(145_606_464.0);
        Table top = bart(MethodPreset.SINGLE_ADAPTER, IMAGE, 2048).table(1);
        assertThat(top.stringColumn("module").asList()).containsExactly("shared", "encoder", "decoder");
    }
}
