/**
 * Compacter (docs/behaviour.md#compacter): adapters whose projections are parameterised hypercomplex multiplication layers,
 * {@code H = Σ_i phm_rule[i] ⊗ W[i]}, {@code y = x·H + b}. Start from
 * {@link org.vladapter.peft.compacter.CompacterConfig}.
 */
package org.vladapter.peft.compacter;
