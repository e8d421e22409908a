package com.styleshepherd.gpu.conversation;

import com.styleshepherd.inference.TextEmbedder;
import com.styleshepherd.search.TextEncoder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/**
 * The gpu worker's text model as the search services take it (the models themselves know nothing of
 * search). Secondary: where the api runs in the same process (dev), its own adapter of the same model wins.
 */
@Factory
class GpuTextEncoder {

    @Singleton
    @Secondary
    TextEncoder gpuTextEncoder(TextEmbedder embedder) {
        return TextEncoder.of(embedder.modelId(), embedder.modelVersion(), embedder::embed);
    }
}
