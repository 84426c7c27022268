package org.vladapter.peft.lora;

import org.vladapter.peft.MethodSpec;

import java.util.Optional;

/**
 * LoRA ({@link LoraConfig}): options {@code rank}, {@code alpha}, {@code lora_dropout}; names containing
 * {@code lora} or {@code bias} train (every bias of the backbone, LayerNorm biases included; LayerNorm
 * weights do not, docs/behaviour.md#quirks-kept).
 */
public final class LoraMethod {

    /** The spec. */
    public static final MethodSpec SPEC = MethodSpec.builder(LoraConfig.TYPE, LoraConfig::fromJson)
            .integerOption("rank").decimalOption("alpha").decimalOption("lora_dropout")
            .fromOptions((method, sharing, options) -> {
                LoraConfig.Builder b = LoraConfig.builder().sharing(MethodSpec.orDefault(sharing));
                MethodSpec.ifSet(options, "rank", v -> b.rank((Integer) v));
                MethodSpec.ifSet(options, "alpha", v -> b.alpha((Double) v));
                MethodSpec.ifSet(options, "lora_dropout", v -> b.dropout((Double) v));
                return b.build();
            })
            .trainable((name, segments) -> name.contains("lora") ? Optional.of("lora")
                    : name.contains("bias") ? Optional.of("bias (LoRA)") : Optional.empty())
            .build();

    private LoraMethod() {}
}
