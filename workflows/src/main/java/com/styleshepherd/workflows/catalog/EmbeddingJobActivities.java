package com.styleshepherd.workflows.catalog;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The job's bookkeeping in PostgreSQL, on task queue {@code catalog} (regular worker). */
@ActivityInterface
public interface EmbeddingJobActivities {

    @ActivityMethod
    void markJobRunning(String jobId);

    @ActivityMethod
    void markJobCompleted(String jobId);

    @ActivityMethod
    void markJobFailed(String jobId, String error);
}
