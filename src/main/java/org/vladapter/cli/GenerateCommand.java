package org.vladapter.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.generate.GenerationConfig;
import org.vladapter.generate.Generator;
import org.vladapter.io.SafeTensorsFile;
import org.vladapter.nn.ForwardContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vladapter generate}: greedy or beam-search generation, ids printed as one JSON array. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generates from a BART/T5 checkpoint (HF folder) for input_ids/attention_mask in a safetensors"
                + " file and prints the id sequences (decoder start token first) as one JSON array.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "HF checkpoint folder or preset")
    Path model;

    @Option(names = "--inputs", required = true, description = "safetensors with input_ids and attention_mask")
    Path inputs;

    @Option(names = "--num-beams", description = "beams (1 = greedy); default: the checkpoint's")
    Integer numBeams;

    @Option(names = "--max-new-tokens", description = "tokens to generate after the start token")
    Integer maxNewTokens;

    @Option(names = "--max-length", description = "maximum length including the start token")
    Integer maxLength;

    @Option(names = "--min-length", description = "minimum length including the start token")
    Integer minLength;

    @Option(names = "--length-penalty", description = "beam length penalty exponent")
    Float lengthPenalty;

    @Option(names = "--early-stopping", negatable = true, description = "stop a beam search input once it has num_beams finished hypotheses")
    Boolean earlyStopping;

    @Option(names = "--no-repeat-ngram-size", description = "size of n-grams that may not repeat (0 = off)")
    Integer noRepeatNgramSize;

    @Option(names = "--no-cache", description = "recompute all positions every step (slow; for checks)")
    boolean noCache;

    @Override
    public Integer call() throws java.io.IOException {
        try (SafeTensorsFile in = SafeTensorsFile.open(inputs); NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder m = Backbone.of(model.toString()).build(manager);
            ModelInputs read = new ModelInputs(in, manager);
            NDArray ids = read.ids("input_ids", -1, m.config().vocabSize());
            EncoderInput input = EncoderInput.ofIds(ids, read.mask("attention_mask", ids.getShape()));
            GenerationConfig.Builder b = GenerationConfig.fromModel(m.config()).useCache(!noCache);
            if (numBeams != null) {
                b.numBeams(numBeams);
            }
            if (maxLength != null) {
                b.maxLength(maxLength);
            }
            if (maxNewTokens != null) {
                b.maxNewTokens(maxNewTokens);
            }
            if (minLength != null) {
                b.minLength(minLength);
            }
            if (lengthPenalty != null) {
                b.lengthPenalty(lengthPenalty);
            }
            if (earlyStopping != null) {
                b.earlyStopping(earlyStopping);
            }
            if (noRepeatNgramSize != null) {
                b.noRepeatNgramSize(noRepeatNgramSize);
            }
            long[][] sequences = new Generator(m).generate(input, b.build(), ForwardContext.EVAL);
            System.out.println(new Gson().toJson(sequences));
            return 0;
        }
    }
}
