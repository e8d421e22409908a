package com.styleshepherd.store.embedding;

import io.micronaut.core.annotation.Nullable;

/**
 * A product waiting for a vector, with what the model reads.
 *
 * @param contentVersion the product's content version read with it; the vector is stored with it, so
 *     a product changed meanwhile stays waiting
 * @param text the product as one text (see {@link ProductText}), for the text model
 * @param imageRef the product's picture, for the image model
 */
public record EmbeddingSource(long productId, int contentVersion, String text, @Nullable String imageRef) {
}
