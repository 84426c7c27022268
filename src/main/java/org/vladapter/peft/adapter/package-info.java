/**
 * Houlsby-style bottleneck adapters (docs/behaviour.md#adapters): {@code x + W_up·gelu_new(W_down·x + b_down) + b_up}
 * after the self-attention, cross-attention and feed-forward sub-layers, per task (Multiple), shared by
 * all tasks (Single) or half-shared (shared up-projection, per-task down-projection).
 * Start from {@link org.vladapter.peft.adapter.AdapterConfig}.
 */
package org.vladapter.peft.adapter;
