package com.styleshepherd.store.memory;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something the stylist remembers about a shopper.
 *
 * @param type preference, fact or feedback
 * @param metadata free-form details (source, product ids, ...), a JSON object
 * @param score relevance to a search (cosine similarity of the texts' embeddings, -1 to 1); null outside
 *     search results
 */
@Introspected
public record Memory(UUID id, String type, String text, @TypeDef(type = DataType.JSON) Map<String, Object> metadata,
        Instant createdAt, @Nullable Double score) {

    /** This memory as a search result. */
    public Memory scored(double relevance) {
        return new Memory(id, type, text, metadata, createdAt, relevance);
    }
}
