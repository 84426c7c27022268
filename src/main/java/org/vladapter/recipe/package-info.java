/**
 * The paper's training recipe as a value: epochs, learning rate per method, batch sizes, warmup,
 * clipping, seed, task prompts, which splits train, validate and are reported. {@link
 * org.vladapter.recipe.Recipe#paper} gives the released scripts' values; every value can be overridden.
 */
package org.vladapter.recipe;
