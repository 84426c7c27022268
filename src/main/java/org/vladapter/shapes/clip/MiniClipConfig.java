package org.vladapter.shapes.clip;

import com.google.gson.JsonObject;

/**
 * Sizes of the mini-CLIP ({@code config.json} of its checkpoint folder).
 *
 * @param dim grid feature dimension D (the {@code .h5} files hold (49, D))
 * @param embedDim the shared image-text embedding size
 * @param vocabSize words of the text encoder (index 0 is padding, 1 unknown)
 * @param temperature InfoNCE temperature
 */
public record MiniClipConfig(int dim, int embedDim, int vocabSize, float temperature) {

    /** Image side in pixels. */
    public static final int IMAGE_SIZE = 112;
    /** Grid side. */
    public static final int GRID = 7;

    /** @return the {@code config.json} object */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("model_type", "shapes-mini-clip");
        o.addProperty("image_size", IMAGE_SIZE);
        o.addProperty("grid", GRID);
        o.addProperty("dim", dim);
        o.addProperty("embed_dim", embedDim);
        o.addProperty("vocab_size", vocabSize);
        o.addProperty("temperature", temperature);
        return o;
    }

    /**
     * @param o a {@code config.json} object
     * @param source for messages
     * @return the config
     */
    public static MiniClipConfig fromJson(JsonObject o, String source) {
        for (String key : new String[] {"dim", "embed_dim", "vocab_size", "temperature"}) {
            if (!o.has(key)) {
                throw new IllegalArgumentException("mini-CLIP config " + source + " lacks '" + key + "'");
            }
        }
        return new MiniClipConfig(o.get("dim").getAsInt(), o.get("embed_dim").getAsInt(), o.get("vocab_size").getAsInt(),
                o.get("temperature").getAsFloat());
    }
}
