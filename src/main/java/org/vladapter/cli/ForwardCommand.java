package org.vladapter.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.EncoderOutput;
import org.vladapter.io.SafeTensorsFile;
import org.vladapter.io.SafeTensorsWriter;
import org.vladapter.nn.ForwardContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vladapter forward}: one teacher-forced forward pass of a BART/T5 checkpoint, outputs to safetensors. */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = "Runs a BART/T5 checkpoint (HF folder) on input_ids, attention_mask, decoder_input_ids "
                + "(and inputs_embeds if present) and writes logits and encoder_last_hidden_state.")
public final class ForwardCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "HF checkpoint folder (config.json, model.safetensors) or preset")
    Path model;

    @Option(names = "--inputs", required = true, description = "safetensors with input_ids, attention_mask, decoder_input_ids[, inputs_embeds]")
    Path inputs;

    @Option(names = "--out", required = true, description = "output safetensors (written atomically)")
    Path out;

    @Override
    public Integer call() throws java.io.IOException {
        try (SafeTensorsFile in = SafeTensorsFile.open(inputs); NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder m = Backbone.of(model.toString()).build(manager);
            ModelInputs read = new ModelInputs(in, manager);
            int vocab = m.config().vocabSize();
            NDArray ids = read.ids("input_ids", -1, vocab);
            NDArray mask = read.mask("attention_mask", ids.getShape());
            NDArray dec = read.ids("decoder_input_ids", ids.getShape().get(0), vocab);
            EncoderOutput enc = m.encode(EncoderInput.ofIds(ids, mask), ForwardContext.EVAL);
            Map<String, NDArray> outputs = new LinkedHashMap<>();
            outputs.put("logits", m.decode(dec, enc, null, ForwardContext.EVAL));
            outputs.put("encoder_last_hidden_state", enc.hidden());
            if (in.contains("inputs_embeds")) {
                Shape shape = new Shape(ids.getShape().get(0), ids.getShape().get(1), m.config().dModel());
                NDArray embeds = read.embeddings("inputs_embeds", shape);
                outputs.put("logits_from_embeds", m.forward(EncoderInput.ofEmbeds(embeds, mask), dec, ForwardContext.EVAL));
            }
            SafeTensorsWriter writer = new SafeTensorsWriter().metadata("producer", "vladapter forward");
            outputs.forEach(writer::add);
            writer.write(out);
            System.err.println("wrote " + String.join(", ", outputs.keySet()) + " to " + out);
            return 0;
        }
    }
}
