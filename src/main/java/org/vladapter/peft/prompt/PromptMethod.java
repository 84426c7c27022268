package org.vladapter.peft.prompt;

import org.vladapter.peft.MethodSpec;

import java.util.Optional;

/**
 * Prompt tuning ({@link PromptConfig}): options {@code prompt_length}, {@code mid_dim}; the
 * {@code prompt_modules} train, no LayerNorm.
 */
public final class PromptMethod {

    /** The spec. */
    public static final MethodSpec SPEC = MethodSpec.builder(PromptConfig.TYPE, PromptConfig::fromJson)
            .integerOption("prompt_length").integerOption("mid_dim")
            .fromOptions((method, sharing, options) -> {
                PromptConfig.Builder b = PromptConfig.builder().sharing(MethodSpec.orDefault(sharing));
                MethodSpec.ifSet(options, "prompt_length", v -> b.promptLength((Integer) v));
                MethodSpec.ifSet(options, "mid_dim", v -> b.midDim((Integer) v));
                return b.build();
            })
            .trainable((name, segments) -> MethodSpec.hasSegment(segments, PromptController.MODULE_NAME)
                    ? Optional.of("prompt") : Optional.empty())
            .build();

    private PromptMethod() {}
}
