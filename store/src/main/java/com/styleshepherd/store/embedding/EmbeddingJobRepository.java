package com.styleshepherd.store.embedding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL behind {@link EmbeddingJobs}, and the progress {@link EmbeddingStore} adds with each batch. A job that
 * has ended keeps its ending: no update below reopens it.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface EmbeddingJobRepository extends GenericRepository<EmbeddingJob, UUID> {

    /** 1 when the job was inserted, 0 when another job is pending or running (the partial unique index). */
    @Query("""
            INSERT INTO embedding_jobs (id, state, requested_by) VALUES (:id, 'PENDING', :requestedBy)
            ON CONFLICT DO NOTHING
            """)
    int insertIfNoneActive(UUID id, @Nullable String requestedBy);

    Optional<EmbeddingJob> findById(UUID id);

    @Query("SELECT * FROM embedding_jobs WHERE state IN ('PENDING', 'RUNNING')")
    Optional<EmbeddingJob> findActive();

    @Query(value = "SELECT * FROM embedding_jobs ORDER BY created_at DESC, id",
            countQuery = "SELECT count(*) FROM embedding_jobs")
    Page<EmbeddingJob> list(Pageable pageable);

    @Query("""
            UPDATE embedding_jobs SET state = 'RUNNING', started_at = coalesce(started_at, now()), updated_at = now()
            WHERE id = :id AND state IN ('PENDING', 'RUNNING')
            """)
    int markRunning(UUID id);

    @Query("""
            UPDATE embedding_jobs SET planned = :total, models = CAST(:models AS jsonb), updated_at = now()
            WHERE id = :id AND state = 'RUNNING'
            """)
    int recordPlan(UUID id, int total, String models);

    /** Adds a saved batch to the job's progress. */
    @Query("""
            UPDATE embedding_jobs SET processed = processed + :processed, skipped = skipped + :skipped,
                updated_at = now()
            WHERE id = :id
            """)
    int addProgress(UUID id, int processed, int skipped);

    @Query("""
            UPDATE embedding_jobs SET state = 'COMPLETED', finished_at = coalesce(finished_at, now()),
                updated_at = now()
            WHERE id = :id AND state IN ('PENDING', 'RUNNING', 'COMPLETED')
            """)
    int markCompleted(UUID id);

    @Query("""
            UPDATE embedding_jobs SET state = 'FAILED', error = :error, finished_at = coalesce(finished_at, now()),
                updated_at = now()
            WHERE id = :id AND state IN ('PENDING', 'RUNNING')
            """)
    int markFailed(UUID id, String error);
}
