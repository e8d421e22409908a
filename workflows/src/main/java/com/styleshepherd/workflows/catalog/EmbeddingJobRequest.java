package com.styleshepherd.workflows.catalog;

import java.time.Duration;

/**
 * What starts an embedding job.
 *
 * @param jobId the job's row in {@code embedding_jobs}
 * @param heartbeatTimeout how long the gpu activity may go without reporting a finished batch before
 *     Temporal gives its work to another gpu worker (fixed at start, from {@code styleshepherd.embedding.heartbeat-timeout})
 */
public record EmbeddingJobRequest(String jobId, Duration heartbeatTimeout) {
}
