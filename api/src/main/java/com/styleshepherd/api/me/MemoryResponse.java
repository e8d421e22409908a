package com.styleshepherd.api.me;

import com.styleshepherd.api.docs.JsonObject;
import com.styleshepherd.store.memory.Memory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A memory; {@code score} only in search results. */
@Serdeable
public record MemoryResponse(UUID memoryId, String type, String text,
        @JsonObject Map<String, Object> metadata,
        Instant createdAt, @Nullable Double score) {

    static MemoryResponse of(Memory memory) {
        return new MemoryResponse(memory.id(), memory.type(), memory.text(), memory.metadata(), memory.createdAt(),
                memory.score());
    }
}
