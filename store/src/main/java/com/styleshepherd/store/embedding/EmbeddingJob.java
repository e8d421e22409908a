package com.styleshepherd.store.embedding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One embedding job as stored: a row of {@code embedding_jobs}.
 *
 * @param models the model of each modality, e.g. {@code {"TEXT":"all-MiniLM-L6-v2/onnx-int8"}}
 * @param total products found waiting when the job planned (0 until then)
 * @param processed vectors written so far
 * @param skipped products left without a vector (unreadable pictures)
 */
@MappedEntity("embedding_jobs")
public record EmbeddingJob(
        @Id UUID id,
        State state,
        @TypeDef(type = DataType.JSON) Map<String, String> models,
        @MappedProperty("planned") int total,
        int processed,
        int skipped,
        @Nullable String requestedBy,
        @Nullable String error,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {

    public enum State { PENDING, RUNNING, COMPLETED, FAILED;

        public boolean active() {
            return this == PENDING || this == RUNNING;
        }
    }

    /**
     * Seconds left at the rate so far: (what is left) ÷ (processed per second since the start);
     * 0 when finished, null while nothing is processed yet or the job is not running.
     */
    @Nullable
    public Long etaSeconds(Instant now) {
        if (state == State.COMPLETED) {
            return 0L;
        }
        if (state != State.RUNNING || startedAt == null || processed == 0) {
            return null;
        }
        double elapsed = Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000.0);
        int left = Math.max(0, total - processed - skipped);
        return Math.round(left / (processed / elapsed));
    }
}
