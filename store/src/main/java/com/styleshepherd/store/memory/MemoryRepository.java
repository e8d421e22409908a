package com.styleshepherd.store.memory;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The SQL behind {@link MemoryStore}. Memories are read as {@link Memory} (no score) or {@link MemoryVector}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MemoryRepository extends GenericRepository<StoredMemory, UUID> {

    /** A {@link Memory}'s columns. */
    String MEMORY = "SELECT id, type, text, metadata, created_at, NULL AS score FROM memories";
    /** The shopper's memories, of {@code :type} unless it is null. */
    String OF_TYPE = "user_id = :userId AND (CAST(:type AS varchar) IS NULL OR type = :type)";

    /** Inserts the memories in a JDBC batch, in order: each is created the moment its row is written. */
    @Query("""
            INSERT INTO memories (id, user_id, type, text, metadata, embedding, embedding_model, created_at)
            VALUES (:id, :userId, :type, :text, CAST(:metadata AS jsonb), :embedding, :embeddingModel,
                    clock_timestamp())
            """)
    void insertAll(List<StoredMemory> memories);

    // UUID[] has no Micronaut Data type of its own: as OBJECT it is bound as is (setObject), a uuid[].
    @Query(MEMORY + " WHERE user_id = :userId AND id = ANY (:ids)")
    List<Memory> find(String userId, @TypeDef(type = DataType.OBJECT) UUID[] ids);

    @Query("SELECT id, text, embedding AS vector FROM memories WHERE embedding_model = :embeddingModel AND " + OF_TYPE
            + " ORDER BY created_at DESC, id LIMIT :limit")
    List<MemoryVector> vectors(String userId, @Nullable String type, String embeddingModel, int limit);

    @Query("""
            SELECT id, text, NULL AS vector FROM memories
            WHERE user_id = :userId AND embedding_model IS DISTINCT FROM :embeddingModel
            ORDER BY created_at, id LIMIT :limit
            """)
    List<MemoryVector> withoutVector(String userId, String embeddingModel, int limit);

    @Query(value = MEMORY + " WHERE " + OF_TYPE + " ORDER BY created_at DESC, id",
            countQuery = "SELECT count(*) FROM memories WHERE " + OF_TYPE)
    Page<Memory> list(String userId, @Nullable String type, Pageable pageable);

    @Query(MEMORY + " WHERE user_id = :userId ORDER BY created_at, id")
    List<Memory> all(String userId);

    @Query("""
            SELECT type, count(*) AS memories, min(created_at) AS oldest, max(created_at) AS newest
            FROM memories WHERE user_id = :userId GROUP BY type ORDER BY type
            """)
    List<TypeStats> stats(String userId);

    int deleteByIdAndUserId(UUID id, String userId);

    int deleteByUserId(String userId);

    /** How many memories of one type a shopper has, and the oldest and newest one's time. */
    @Introspected
    record TypeStats(String type, long memories, Instant oldest, Instant newest) {
    }
}
