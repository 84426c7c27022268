/**
 * Files: atomic writes ({@link org.vladapter.io.AtomicFiles}) and HuggingFace safetensors checkpoints
 * ({@link org.vladapter.io.SafeTensorsFile} to read, memory-mapped and validated;
 * {@link org.vladapter.io.SafeTensorsWriter} to write). Errors name the file and the tensor or header key at fault.
 */
package org.vladapter.io;
