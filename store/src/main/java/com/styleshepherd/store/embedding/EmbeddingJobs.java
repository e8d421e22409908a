package com.styleshepherd.store.embedding;

import com.styleshepherd.store.JsonColumns;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Embedding jobs (table {@code embedding_jobs}). At most one is PENDING or RUNNING at a time (a
 * partial unique index), so two requests to embed the catalog get the same job.
 */
@Singleton
public class EmbeddingJobs {

    private static final int MAX_ERROR_LENGTH = 2000;

    private final EmbeddingJobRepository repository;
    private final JsonColumns json;

    EmbeddingJobs(EmbeddingJobRepository repository, JsonColumns json) {
        this.repository = repository;
        this.json = json;
    }

    /** A new PENDING job, or the job already pending or running (then {@code created} is false). */
    @Transactional
    public Created createOrJoin(@Nullable String requestedBy) {
        UUID id = UUID.randomUUID();
        if (repository.insertIfNoneActive(id, requestedBy) == 1) {
            return new Created(repository.findById(id).orElseThrow(), true);
        }
        return active().map(job -> new Created(job, false))
                // The active job finished between the insert and the read: try once more.
                .orElseGet(() -> createOrJoin(requestedBy));
    }

    @ReadOnly
    public Optional<EmbeddingJob> active() {
        return repository.findActive();
    }

    @ReadOnly
    public Optional<EmbeddingJob> find(UUID id) {
        return repository.findById(id);
    }

    /** Jobs, newest first. */
    @ReadOnly
    public Page<EmbeddingJob> list(Pageable pageable) {
        return repository.list(pageable);
    }

    /** PENDING → RUNNING, stamping the start; a retry of an already running job changes nothing. */
    @Transactional
    public void markRunning(UUID id) {
        repository.markRunning(id);
    }

    /** What the job found to do: the total and the models, recorded once it planned. */
    @Transactional
    public void recordPlan(UUID id, int total, Map<String, String> models) {
        repository.recordPlan(id, total, json.write(models));
    }

    @Transactional
    public void markCompleted(UUID id) {
        repository.markCompleted(id);
    }

    @Transactional
    public void markFailed(UUID id, String error) {
        repository.markFailed(id, error == null ? "unknown error"
                : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error);
    }

    /** The job a request got, and whether the request created it. */
    public record Created(EmbeddingJob job, boolean created) {
    }
}
