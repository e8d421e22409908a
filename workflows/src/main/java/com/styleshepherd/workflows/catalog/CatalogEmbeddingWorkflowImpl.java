package com.styleshepherd.workflows.catalog;

import com.styleshepherd.workflows.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * {@link CatalogEmbeddingWorkflow}: mark the job running → plan (gpu) → embed text, then pictures
 * (gpu, one heartbeating activity each) → mark it completed; on failure, mark it failed and fail.
 */
public class CatalogEmbeddingWorkflowImpl implements CatalogEmbeddingWorkflow {

    private static final RetryOptions BACKOFF = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofMinutes(1))
            .build();

    private final EmbeddingJobActivities jobs = Workflow.newActivityStub(EmbeddingJobActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(BACKOFF)
                    .build());

    private final EmbeddingActivities planner = Workflow.newActivityStub(EmbeddingActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.GPU)
                    .setScheduleToStartTimeout(Duration.ofHours(1))
                    .setStartToCloseTimeout(Duration.ofMinutes(2))
                    .setRetryOptions(RetryOptions.newBuilder(BACKOFF).setMaximumAttempts(10).build())
                    .build());

    private String stage = "PLANNING";

    @Override
    public EmbeddingJobResult embedCatalog(EmbeddingJobRequest request) {
        jobs.markJobRunning(request.jobId());
        try {
            EmbeddingPlan plan = planner.planEmbedding(request.jobId());
            EmbeddingActivities embedder = Workflow.newActivityStub(EmbeddingActivities.class,
                    ActivityOptions.newBuilder()
                            .setTaskQueue(TaskQueues.GPU)
                            // Waiting for a gpu worker to come up is fine; a worker that stops reporting is not.
                            .setScheduleToStartTimeout(Duration.ofHours(1))
                            .setStartToCloseTimeout(Duration.ofHours(6))
                            .setHeartbeatTimeout(request.heartbeatTimeout())
                            .setRetryOptions(RetryOptions.newBuilder(BACKOFF).setMaximumAttempts(20).build())
                            .build());
            int embedded = 0;
            int skipped = 0;
            for (EmbeddingPlan.Target target : plan.targets()) {
                if (target.pending() == 0) {
                    continue;
                }
                stage = "EMBEDDING_" + target.modality();
                EmbeddingProgress done = embedder.embedPending(new EmbeddingRun(request.jobId(), target.modality()));
                embedded += done.embedded();
                skipped += done.skipped();
            }
            jobs.markJobCompleted(request.jobId());
            stage = "COMPLETED";
            return new EmbeddingJobResult(embedded, skipped);
        } catch (ActivityFailure e) {
            stage = "FAILED";
            Throwable cause = e.getCause() == null ? e : e.getCause();
            jobs.markJobFailed(request.jobId(), cause.getMessage());
            throw e;
        }
    }

    @Override
    public String stage() {
        return stage;
    }
}
