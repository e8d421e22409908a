package com.styleshepherd.store.embedding;

import io.micronaut.core.annotation.Nullable;

/**
 * A product waiting for a vector, with what the model reads.
 *
 * @param contentVersion the product's content version read with it; the vector is stored with it, so
 *     a product changed meanwhile stays waiting
 * @param text the product as one text (see {@link ProductText}), for the text model
 * @param imageRef where the product's picture was read from; the picture itself for rows from before
 *     object storage (a file name under the image root, or a URL)
 * @param imageKey the product's picture in object storage, for the image model; null for rows from before
 */
public record EmbeddingSource(long productId, int contentVersion, String text, @Nullable String imageRef,
        @Nullable String imageKey) {
}
