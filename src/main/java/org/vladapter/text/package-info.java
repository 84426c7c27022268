/** Python string semantics the original code relies on ({@code str.strip}, {@code split}, {@code lower}, {@code round}), shared by the task readers and the metrics. */
package org.vladapter.text;
