/**
 * Encoder prompt tuning (docs/behaviour.md#prompts): 40 prompt vectors
 * {@code Linear(mid→d)(tanh(Linear(d→mid)(Embedding(L, d)(0..L-1))))} prepended to the encoder input,
 * per task or shared. Start from {@link org.vladapter.peft.prompt.PromptConfig}.
 */
package org.vladapter.peft.prompt;
