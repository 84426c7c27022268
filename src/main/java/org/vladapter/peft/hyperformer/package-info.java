/**
 * Hyperformer (docs/behaviour.md#hyperformer): adapters whose weights are generated, at every forward pass, by hyper-networks
 * from a task embedding and a layer-id embedding. One {@link org.vladapter.peft.hyperformer.TaskEmbeddingController}
 * is shared by encoder and decoder; each stack has an
 * {@link org.vladapter.peft.hyperformer.AdapterLayersHyperNetController}; the sites hold parameterless
 * {@link org.vladapter.peft.hyperformer.HyperAdapter}s. Start from
 * {@link org.vladapter.peft.hyperformer.HyperformerConfig}.
 */
package org.vladapter.peft.hyperformer;
