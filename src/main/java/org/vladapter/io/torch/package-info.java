/**
 * PyTorch {@code torch.save} checkpoints ({@code pytorch_model.bin}) read without Python: the zip layout of
 * PyTorch 1.6 and later and the older legacy stream layout. {@link org.vladapter.io.torch.TorchCheckpointFile}
 * opens a file and loads its tensors like {@link org.vladapter.io.SafeTensorsFile} does.
 *
 * <p>The object graph of such a file is a pickle, and an arbitrary pickle runs code when Python loads it. Nothing
 * here runs anything: {@link org.vladapter.io.torch.StateDictUnpickler} interprets only the opcodes and the few
 * globals a state dict needs (ordered dicts, tensors rebuilt from storages, the storage classes) and refuses every
 * other opcode or global with the file and byte position named, so a hostile file fails to load and does nothing
 * else.
 */
package org.vladapter.io.torch;
