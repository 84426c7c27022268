/**
 * T5 for conditional generation (pre-RMS-norm, shared relative position bias, ReLU or gated-GELU FFN, head scaled
 * by d_model^-0.5 when tied) with VL-T5's joint input: zero position bias for visual tokens.
 */
package org.vladapter.backbone.t5;
