package com.styleshepherd.api.search;

import com.styleshepherd.inference.TextEmbedder;
import com.styleshepherd.search.TextEncoder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The api's text model as the search services take it: the one {@link TextEmbedder} of this process. */
@Factory
class SearchModels {

    @Singleton
    TextEncoder textEncoder(TextEmbedder embedder) {
        return TextEncoder.of(embedder.modelId(), embedder.modelVersion(), embedder::embed);
    }
}
