/**
 * BART for conditional generation (post-LN, learned positions with offset 2, {@code layernorm_embedding}, GELU,
 * tied head plus {@code final_logits_bias}) with VL-BART's joint [prompt; text; visual] encoder input.
 */
package org.vladapter.backbone.bart;
