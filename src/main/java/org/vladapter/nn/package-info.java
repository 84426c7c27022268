/** Building blocks with HuggingFace-style parameter names: the {@link org.vladapter.nn.Module} base, dense layers, and stateless tensor functions. */
package org.vladapter.nn;
