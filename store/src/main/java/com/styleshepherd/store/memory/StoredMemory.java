package com.styleshepherd.store.memory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code memories}, as {@link MemoryStore#add} writes it. */
@MappedEntity("memories")
record StoredMemory(
        @Id UUID id,
        String userId,
        String type,
        String text,
        @TypeDef(type = DataType.JSON) Map<String, Object> metadata,
        @Nullable float[] embedding,
        @Nullable String embeddingModel,
        @Nullable Instant createdAt) {
}
