/** Tokenisation: HF {@code tokenizer.json} through DJL, with VL-Adapter's 200 added tokens. */
package org.vladapter.tokenize;
