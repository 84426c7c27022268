package org.vladapter.peft;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.vladapter.backbone.ProjectionSite.Role;
import org.vladapter.peft.adapter.AdapterConfig;
import org.vladapter.peft.compacter.CompacterConfig;
import org.vladapter.peft.hyperformer.HyperformerConfig;
import org.vladapter.peft.lora.LoraConfig;
import org.vladapter.peft.prompt.PromptConfig;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every method configuration writes typed JSON that reads back to the same configuration, with named errors. */
class MethodConfigJsonTest {

    /** Every paper preset and one configuration per class that the builder's flat options cannot express. */
    static List<MethodConfig> configs() {
        List<MethodConfig> all = new ArrayList<>();
        for (MethodPreset p : MethodPreset.values()) {
            all.add(p.defaultConfig());
        }
        all.add(AdapterConfig.builder().sharing(Sharing.MULTIPLE).shareDownSampler(true).reductionFactor(4)
                .placements(EnumSet.of(Placement.ENCODER_FEED_FORWARD, Placement.DECODER_CROSS_ATTENTION)).build());
        all.add(CompacterConfig.builder().sharing(Sharing.SINGLE).phmDim(4).sharedPhmRule(true).factorizedPhm(true)
                .phmRank(2).phmInitRange(0.05).crossAttention(false).build());
        all.add(HyperformerConfig.builder().taskEmbeddingDim(16).taskHiddenDim(8).projectedTaskEmbeddingDim(4)
                .reductionFactor(2).placements(EnumSet.of(Placement.DECODER_FEED_FORWARD)).build());
        all.add(LoraConfig.builder().rank(3).alpha(7.5).dropout(0.25).sharing(Sharing.MULTIPLE)
                .targetRoles(EnumSet.of(Role.QUERY, Role.KEY, Role.OUTPUT, Role.FFN_IN))
                .targetPlacements(EnumSet.of(Placement.ENCODER_SELF_ATTENTION, Placement.DECODER_FEED_FORWARD)).build());
        all.add(PromptConfig.builder().promptLength(5).midDim(12).sharing(Sharing.MULTIPLE).build());
        return all;
    }

    @Test
    void everyConfigurationRoundTripsThroughItsJsonText() {
        for (MethodConfig c : configs()) {
            JsonObject json = c.toJson();
            assertThat(json.get("version").getAsInt()).as("%s", c).isEqualTo(1);
            assertThat(json.keySet()).as("%s keys are snake_case", c).allMatch(k -> k.matches("[a-z][a-z0-9_]*"));
            MethodConfig back = MethodConfig.fromJson(JsonParser.parseString(json.toString()).getAsJsonObject());
            assertThat(back.getClass()).isEqualTo(c.getClass());
            assertThat(back.asMap()).as("%s", c).isEqualTo(c.asMap());
            assertThat(back.toJson()).isEqualTo(json);
            assertThat(back.method()).isEqualTo(c.method());
        }
    }

    @Test
    void theJsonIsTypedAndReadable() {
        JsonObject json = LoraConfig.builder().rank(4).build().toJson();
        assertThat(json.toString()).isEqualTo("{\"type\":\"lora\",\"version\":1,\"rank\":4,\"alpha\":32.0,\"dropout\":0.1,"
                + "\"sharing\":\"single\",\"target_roles\":[\"query\",\"value\"],\"target_placements\":"
                + "[\"encoder_self_attention\",\"decoder_self_attention\",\"decoder_cross_attention\"]}");
    }

    @Test
    void namesTheKeyAndConfigurationOfEveryBadInput() {
        JsonObject good = LoraConfig.builder().build().toJson();
        JsonObject missing = good.deepCopy();
        missing.remove("rank");
        assertThatThrownBy(() -> MethodConfig.fromJson(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LoraConfig: key \"rank\" is missing");
        JsonObject wrongType = good.deepCopy();
        wrongType.addProperty("rank", "eight");
        assertThatThrownBy(() -> MethodConfig.fromJson(wrongType)).hasMessageContaining("LoraConfig: key \"rank\" must be an integer");
        JsonObject fraction = good.deepCopy();
        fraction.addProperty("rank", 2.5);
        assertThatThrownBy(() -> MethodConfig.fromJson(fraction)).hasMessageContaining("key \"rank\" must be an integer");
        JsonObject unknown = good.deepCopy();
        unknown.addProperty("ranks", 8);
        assertThatThrownBy(() -> MethodConfig.fromJson(unknown)).hasMessageContaining("LoraConfig: unknown key(s) [ranks]");
        JsonObject badEnum = good.deepCopy();
        badEnum.addProperty("sharing", "some");
        assertThatThrownBy(() -> MethodConfig.fromJson(badEnum))
                .hasMessageContaining("LoraConfig: key \"sharing\" has unknown value \"some\"; known: multiple, single");
        JsonObject version = good.deepCopy();
        version.addProperty("version", 2);
        assertThatThrownBy(() -> MethodConfig.fromJson(version)).hasMessageContaining("LoraConfig: key \"version\" is 2");
        JsonObject type = good.deepCopy();
        type.addProperty("type", "ia3");
        assertThatThrownBy(() -> MethodConfig.fromJson(type)).hasMessageContaining("key \"type\" has unknown value \"ia3\"");
        JsonObject flag = AdapterConfig.single().toJson();
        flag.addProperty("share_up_sampler", 1);
        assertThatThrownBy(() -> MethodConfig.fromJson(flag)).hasMessageContaining("AdapterConfig: key \"share_up_sampler\" must be true or false");
        JsonObject baseline = BaselineConfig.of(Method.FULL_FINETUNING).toJson();
        baseline.addProperty("method", "lora");
        assertThatThrownBy(() -> MethodConfig.fromJson(baseline)).hasMessageContaining("BaselineConfig: key \"method\"");
    }
}
