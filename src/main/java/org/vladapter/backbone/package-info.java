/** VL-BART and VL-T5 backbones: HF configs, BART and T5 encoder-decoders as DJL blocks, checkpoint loading, and the {@link org.vladapter.backbone.LayerHooks} through which PEFT methods attach. */
package org.vladapter.backbone;
