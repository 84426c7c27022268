/**
 * ShapesWorld text models: the word-level {@code tokenizer.json} built from the world's corpus
 * ({@link org.vladapter.shapes.text.WordVocabulary}) and the pretraining of the small BART (text infilling) and
 * T5 (span corruption) backbones, saved in HF layout ({@link org.vladapter.shapes.text.TextPretraining}).
 */
package org.vladapter.shapes.text;
