/**
 * The paper's training recipe and the runs that follow it. {@link org.vladapter.recipe.Recipe} holds epochs,
 * learning rate, batch sizes, warmup, clipping, seed, task prompts and which splits train, validate and are
 * reported; {@link org.vladapter.recipe.Recipe#paper} gives the released scripts' values
 * ({@link org.vladapter.recipe.PaperRecipe}), every value can be overridden. {@link org.vladapter.recipe.VlTraining}
 * runs a model through a recipe in its run folder (checkpoints, run record, adapter checkpoint, predictions,
 * results table and charts); {@link org.vladapter.recipe.MultitaskPlan} is the trainer's view of the multi-task
 * loader.
 */
package org.vladapter.recipe;
