package com.styleshepherd.store.memory;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Writes memories' vectors: {@code UPDATE memories SET embedding, embedding_model} by id, in one JDBC batch. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MemoryEmbeddingRepository extends GenericRepository<MemoryEmbedding, UUID> {

    void updateAll(List<MemoryEmbedding> embeddings);
}
