package org.vladapter.backbone;

/**
 * A place where a residual adapter may be inserted: the output of a sub-layer, before dropout and the
 * block's residual connection (VL-Adapter's placement).
 *
 * @param stack encoder or decoder
 * @param layer the layer index within the stack
 * @param numLayers the number of layers in the stack
 * @param subLayer the sub-layer whose output is adapted
 * @param dModel the hidden size
 */
public record AdapterSite(Stack stack, int layer, int numLayers, SubLayer subLayer, long dModel) {}
