package com.styleshepherd.search;

import java.util.List;

/**
 * The text model, as search, recommendations and memory search see it: texts in, unit vectors out, in
 * the space the catalog's text vectors were embedded in. The api and the gpu worker provide it from the
 * model they load (worker-gpu's {@code TextEmbedder}); this module holds no model.
 */
public interface TextEncoder {

    /** The model id stored beside each vector. */
    String modelId();

    /** The model version stored beside each vector. */
    String modelVersion();

    /** One unit-length vector per text, in order. */
    float[][] embed(List<String> texts);

    /** An encoder of a model's id, version and embedding function (how each process adapts its loaded model). */
    static TextEncoder of(String modelId, String modelVersion, java.util.function.Function<List<String>, float[][]> embed) {
        return new TextEncoder() {
            @Override
            public String modelId() {
                return modelId;
            }

            @Override
            public String modelVersion() {
                return modelVersion;
            }

            @Override
            public float[][] embed(List<String> texts) {
                return embed.apply(texts);
            }
        };
    }

    /** {@code modelId/modelVersion}, as responses and the memories' {@code embedding_model} name it. */
    default String modelName() {
        return modelId() + "/" + modelVersion();
    }
}
