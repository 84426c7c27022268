/** Text generation: greedy and beam search with a key/value cache, following HF {@code generate}. */
package org.vladapter.generate;
