/**
 * LoRA (docs/behaviour.md#lora): {@code y = W x + b + (alpha/r)·B A dropout(x)} on chosen attention projections
 * (query and value of encoder self-, decoder self- and decoder cross-attention by default), per task or
 * shared, with merge/unmerge. Start from {@link org.vladapter.peft.lora.LoraConfig}.
 */
package org.vladapter.peft.lora;
