package com.styleshepherd.api.search;

import com.styleshepherd.inference.TextEmbedder;
import com.styleshepherd.search.TextEncoder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.List;

/** The api's text model as the search services take it: the one {@link TextEmbedder} of this process. */
@Factory
class SearchModels {

    @Singleton
    TextEncoder textEncoder(TextEmbedder embedder) {
        return new TextEncoder() {
            @Override
            public String modelId() {
                return embedder.modelId();
            }

            @Override
            public String modelVersion() {
                return embedder.modelVersion();
            }

            @Override
            public float[][] embed(List<String> texts) {
                return embedder.embed(texts);
            }
        };
    }
}
