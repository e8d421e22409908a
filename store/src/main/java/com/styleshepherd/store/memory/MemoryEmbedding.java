package com.styleshepherd.store.memory;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** The embedding columns of a row of {@code memories}: what storing a memory's vector writes. */
@MappedEntity("memories")
record MemoryEmbedding(@Id UUID id, float[] embedding, String embeddingModel) {
}
