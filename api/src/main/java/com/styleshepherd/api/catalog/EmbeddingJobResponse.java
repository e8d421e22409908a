package com.styleshepherd.api.catalog;

import com.styleshepherd.store.embedding.EmbeddingJob;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * An embedding job's progress.
 *
 * @param state PENDING, RUNNING, COMPLETED or FAILED
 * @param processed vectors written so far
 * @param total products found waiting when the job planned (0 until it has)
 * @param skipped products left without a vector (unreadable pictures)
 * @param etaSeconds seconds left at the rate so far; absent until the first batch is written
 * @param models the model of each modality, e.g. {@code {"TEXT":"all-MiniLM-L6-v2/onnx-int8"}}
 */
@Serdeable
public record EmbeddingJobResponse(
        String jobId,
        String state,
        int processed,
        int total,
        int skipped,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Long etaSeconds,
        Map<String, String> models,
        @Nullable String error) {

    static EmbeddingJobResponse of(EmbeddingJob job, Instant now) {
        return new EmbeddingJobResponse(job.id().toString(), job.state().name(), job.processed(),
                Math.max(job.total(), job.processed() + job.skipped()), job.skipped(), job.startedAt(),
                job.finishedAt(), job.etaSeconds(now), job.models(), job.error());
    }
}
