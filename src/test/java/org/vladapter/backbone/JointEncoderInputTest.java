package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vladapter.nn.ForwardContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The joint [text; visual] encoder input of VL-BART / VL-T5 (docs/behaviour.md#visual-input): the mask covers text and visual
 * tokens, visual tokens skip BART's {@code layernorm_embedding} and get no position information (no
 * learned position in BART, zero relative bias in T5), and text tokens are unaffected by padding.
 */
class JointEncoderInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void visualTokensAreAppendedUnnormalisedAndPositionFree(String name) {
        try (NDManager m = NDManager.newBaseManager()) {
            EncoderDecoder model = FixtureTensors.loadModel(m, name);
            FixtureTensors io = FixtureTensors.read(m, FixtureTensors.folder(name).resolve("io.safetensors"));
            NDArray ids = io.get("input_ids");
            NDArray mask = io.get("attention_mask");
            long b = ids.getShape().get(0);
            long l = ids.getShape().get(1);
            int v = 5;
            long d = model.config().dModel();
            NDArray visual = m.randomNormal(new Shape(b, v, d));
            EncoderOutput out = model.encode(EncoderInput.ofIds(ids, mask).withVisual(visual, null), ForwardContext.EVAL);

            // mask = [text mask; ones(V)]
            NDArray expectedMask = mask.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).concat(m.ones(new Shape(b, v)), 1);
            assertThat(out.mask().toFloatArray()).containsExactly(expectedMask.toFloatArray());
            assertThat(out.hidden().getShape()).isEqualTo(new Shape(b, l + v, d));

            // embedding output: visual rows are the visual embeddings as given (no layernorm_embedding, no position)
            NDArray embedded = out.hiddenStates().get(0);
            assertThat(embedded.get(":, " + l + ":, :").sub(visual).abs().max().getFloat()).isLessThan(1e-6f);
            if (model.config().type() == ModelType.BART) {
                // text rows: LN(token + position), exactly the text-only encoder's embedding output
                EncoderOutput textOnly = model.encode(EncoderInput.ofIds(ids, mask), ForwardContext.EVAL);
                assertThat(embedded.get(":, :" + l + ", :").sub(textOnly.hiddenStates().get(0)).abs().max().getFloat())
                        .isLessThan(1e-6f);
            }

            // no position information: permuting the visual tokens permutes their outputs and leaves text rows unchanged
            long[] perm = {3, 0, 4, 1, 2};
            NDArray permuted = gatherTokens(visual, perm);
            EncoderOutput out2 = model.encode(EncoderInput.ofIds(ids, mask).withVisual(permuted, null), ForwardContext.EVAL);
            NDArray text1 = out.hidden().get(":, :" + l + ", :");
            NDArray text2 = out2.hidden().get(":, :" + l + ", :");
            assertThat(text1.sub(text2).abs().max().getFloat()).isLessThan(1e-5f);
            NDArray vis1 = gatherTokens(out.hidden().get(":, " + l + ":, :"), perm);
            NDArray vis2 = out2.hidden().get(":, " + l + ":, :");
            assertThat(vis1.sub(vis2).abs().max().getFloat()).isLessThan(1e-5f);

            // padded text positions stay invisible: changing the ids under padding changes nothing
            long[] changed = ids.toLongArray();
            long[] maskValues = mask.toLongArray();
            for (int i = 0; i < changed.length; i++) {
                if (maskValues[i] == 0) {
                    changed[i] = 7;
                }
            }
            EncoderOutput out3 = model.encode(EncoderInput.ofIds(m.create(changed, ids.getShape()), mask)
                    .withVisual(visual, null), ForwardContext.EVAL);
            NDArray visible = expectedMask.expandDims(-1);
            assertThat(out3.hidden().sub(out.hidden()).mul(visible).abs().max().getFloat()).isLessThan(1e-5f);
        }
    }

    private static NDArray gatherTokens(NDArray x, long[] perm) {
        NDArray idx = x.getManager().create(perm);
        return x.transpose(1, 0, 2).get(idx).transpose(1, 0, 2);
    }
}
