package com.styleshepherd.workflows.catalog;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The models' side of an embedding job, on task queue {@code gpu}. */
@ActivityInterface
public interface EmbeddingActivities {

    /** Counts the products waiting for each of this worker's models and records the total on the job. */
    @ActivityMethod
    EmbeddingPlan planEmbedding(String jobId);

    /**
     * Embeds the waiting products of one modality in batches; each batch's vectors and the job's
     * progress are written in one transaction, then the activity heartbeats an {@link EmbeddingProgress}.
     * Retried after a worker dies (noticed when no heartbeat came for the heartbeat timeout), it resumes
     * after the last batch saved: Temporal passes heartbeats on at most every 80% of that timeout, so the
     * last heartbeat may lag the work by several batches.
     */
    @ActivityMethod
    EmbeddingProgress embedPending(EmbeddingRun run);
}
