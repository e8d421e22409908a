package com.styleshepherd.api.catalog;

import com.styleshepherd.store.embedding.EmbeddingJob;
import com.styleshepherd.store.embedding.EmbeddingJobs;
import com.styleshepherd.temporal.CallDeadline;
import com.styleshepherd.temporal.LogContext;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.catalog.CatalogEmbeddingWorkflow;
import com.styleshepherd.workflows.catalog.EmbeddingJobRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts catalog embedding jobs: one row in {@code embedding_jobs} (at most one active), then its
 * {@link CatalogEmbeddingWorkflow}. A request while a job is active joins that job. A job whose row
 * says active but whose workflow is gone (terminated from the Temporal UI) is marked failed and a new
 * one starts; a job whose workflow never started (the api died in between) is started now.
 */
@Singleton
public class EmbeddingJobStarter {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingJobStarter.class);

    private final EmbeddingJobs jobs;
    private final WorkflowClient client;
    private final Duration heartbeatTimeout;
    private final CallDeadline deadline;

    EmbeddingJobStarter(EmbeddingJobs jobs, WorkflowClient client, CallDeadline deadline,
            @Value("${styleshepherd.embedding.heartbeat-timeout:10s}") Duration heartbeatTimeout) {
        this.jobs = jobs;
        this.client = client;
        this.deadline = deadline;
        this.heartbeatTimeout = heartbeatTimeout;
    }

    /** The job that will embed what is waiting now, and whether this call created it. */
    public EmbeddingJobs.Created start(@Nullable String requestedBy) {
        for (int attempt = 0; attempt < 3; attempt++) {
            EmbeddingJobs.Created created = jobs.createOrJoin(requestedBy);
            EmbeddingJob job = created.job();
            WorkflowExecutionStatus status = status(job);
            if (status == null) {
                // The row exists but its workflow does not (yet): start it; a concurrent start wins once.
                startWorkflow(job);
                return created;
            }
            if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                return created;
            }
            // Its workflow ended without marking the row (terminated, timed out): the row is stale.
            jobs.markFailed(job.id(), "its workflow ended as " + status.name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
            LOG.warn("Embedding job {} was active but its workflow is {}: marked failed", job.id(), status);
        }
        throw new IllegalStateException("could not start an embedding job");
    }

    private void startWorkflow(EmbeddingJob job) {
        String jobId = job.id().toString();
        CatalogEmbeddingWorkflow workflow = client.newWorkflowStub(CatalogEmbeddingWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(CatalogEmbeddingWorkflow.workflowId(jobId))
                        .setTaskQueue(TaskQueues.CATALOG)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        try (var ignored = LogContext.with(Map.of(LogContext.USER_ID,
                job.requestedBy() == null ? "-" : job.requestedBy()))) {
            deadline.within(() -> WorkflowClient.start(workflow::embedCatalog, new EmbeddingJobRequest(jobId, heartbeatTimeout)));
            LOG.info("Embedding job {} started", jobId);
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            LOG.debug("Embedding job {} was started by another request", jobId);
        }
    }

    /** The job's workflow status, or null when it has no workflow. */
    @Nullable
    private WorkflowExecutionStatus status(EmbeddingJob job) {
        try {
            return deadline.within(client.newUntypedWorkflowStub(CatalogEmbeddingWorkflow.workflowId(job.id().toString()))
                    ::describe).getStatus();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return null;
            }
            throw e;
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            return null;
        }
    }
}
