package com.styleshepherd.activities.catalog;

import com.styleshepherd.store.embedding.EmbeddingJobs;
import com.styleshepherd.workflows.catalog.EmbeddingJobActivities;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link EmbeddingJobActivities}: the job's state in {@code embedding_jobs}. Each call is idempotent. */
@Singleton
class EmbeddingJobActivitiesImpl implements EmbeddingJobActivities {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingJobActivitiesImpl.class);

    private final EmbeddingJobs jobs;

    EmbeddingJobActivitiesImpl(EmbeddingJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void markJobRunning(String jobId) {
        jobs.markRunning(UUID.fromString(jobId));
        LOG.info("Embedding job {} running", jobId);
    }

    @Override
    public void markJobCompleted(String jobId) {
        jobs.markCompleted(UUID.fromString(jobId));
        LOG.info("Embedding job {} completed", jobId);
    }

    @Override
    public void markJobFailed(String jobId, String error) {
        jobs.markFailed(UUID.fromString(jobId), error);
        LOG.warn("Embedding job {} failed: {}", jobId, error);
    }
}
