package com.styleshepherd.store.embedding;

import com.styleshepherd.store.JsonColumns;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Embedding jobs (table {@code embedding_jobs}). At most one is PENDING or RUNNING at a time (a
 * partial unique index), so two requests to embed the catalog get the same job.
 */
@Singleton
public class EmbeddingJobs {

    private static final Argument<Map<String, String>> MODELS = Argument.mapOf(String.class, String.class);
    private static final String COLUMNS = "SELECT id, state, models::text AS models, planned, processed, skipped, "
            + "requested_by, error, created_at, started_at, finished_at FROM embedding_jobs ";

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    EmbeddingJobs(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A new PENDING job, or the job already pending or running (then {@code created} is false). */
    @Transactional
    public Created createOrJoin(@Nullable String requestedBy) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.prepareStatement("""
                INSERT INTO embedding_jobs (id, state, requested_by) VALUES (?, 'PENDING', ?)
                ON CONFLICT DO NOTHING
                """, statement -> {
            statement.setObject(1, id);
            statement.setString(2, requestedBy);
            return statement.executeUpdate();
        });
        if (inserted == 1) {
            return new Created(find(id).orElseThrow(), true);
        }
        return active().map(job -> new Created(job, false))
                // The active job finished between the insert and the read: try once more.
                .orElseGet(() -> createOrJoin(requestedBy));
    }

    @ReadOnly
    public Optional<EmbeddingJob> active() {
        return one(COLUMNS + "WHERE state IN ('PENDING', 'RUNNING')", null);
    }

    @ReadOnly
    public Optional<EmbeddingJob> find(UUID id) {
        return one(COLUMNS + "WHERE id = ?", id);
    }

    /** Jobs, newest first. */
    @ReadOnly
    public Page<EmbeddingJob> list(Pageable pageable) {
        long total = jdbc.prepareStatement("SELECT count(*) FROM embedding_jobs", statement -> {
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
        List<EmbeddingJob> jobs = jdbc.prepareStatement(COLUMNS + "ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                statement -> {
                    statement.setInt(1, pageable.getSize());
                    statement.setLong(2, pageable.getOffset());
                    return read(statement.executeQuery());
                });
        return Page.of(jobs, pageable, total);
    }

    /** PENDING → RUNNING, stamping the start; a retry of an already running job changes nothing. */
    @Transactional
    public void markRunning(UUID id) {
        update("UPDATE embedding_jobs SET state = 'RUNNING', started_at = coalesce(started_at, now()), "
                + "updated_at = now() WHERE id = ? AND state IN ('PENDING', 'RUNNING')", id);
    }

    /** What the job found to do: the total and the models, recorded once it planned. */
    @Transactional
    public void recordPlan(UUID id, int total, Map<String, String> models) {
        jdbc.prepareStatement("""
                UPDATE embedding_jobs SET planned = ?, models = CAST(? AS jsonb), updated_at = now()
                WHERE id = ? AND state = 'RUNNING'
                """, statement -> {
            statement.setInt(1, total);
            statement.setString(2, json.write(models));
            statement.setObject(3, id);
            return statement.executeUpdate();
        });
    }

    @Transactional
    public void markCompleted(UUID id) {
        update("UPDATE embedding_jobs SET state = 'COMPLETED', finished_at = coalesce(finished_at, now()), "
                + "updated_at = now() WHERE id = ? AND state IN ('PENDING', 'RUNNING', 'COMPLETED')", id);
    }

    @Transactional
    public void markFailed(UUID id, String error) {
        jdbc.prepareStatement("""
                UPDATE embedding_jobs SET state = 'FAILED', error = ?, finished_at = coalesce(finished_at, now()),
                    updated_at = now()
                WHERE id = ? AND state IN ('PENDING', 'RUNNING')
                """, statement -> {
            statement.setString(1, error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error);
            statement.setObject(2, id);
            return statement.executeUpdate();
        });
    }

    private void update(String sql, UUID id) {
        jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, id);
            return statement.executeUpdate();
        });
    }

    private Optional<EmbeddingJob> one(String sql, @Nullable UUID id) {
        return jdbc.prepareStatement(sql, statement -> {
            if (id != null) {
                statement.setObject(1, id);
            }
            return read(statement.executeQuery()).stream().findFirst();
        });
    }

    private List<EmbeddingJob> read(ResultSet rows) throws SQLException {
        try (rows) {
            List<EmbeddingJob> jobs = new ArrayList<>();
            while (rows.next()) {
                jobs.add(new EmbeddingJob(rows.getObject("id", UUID.class),
                        EmbeddingJob.State.valueOf(rows.getString("state")),
                        json.read(rows.getString("models"), MODELS), rows.getInt("planned"), rows.getInt("processed"),
                        rows.getInt("skipped"), rows.getString("requested_by"), rows.getString("error"),
                        rows.getTimestamp("created_at").toInstant(), instant(rows.getTimestamp("started_at")),
                        instant(rows.getTimestamp("finished_at"))));
            }
            return jobs;
        }
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The job a request got, and whether the request created it. */
    public record Created(EmbeddingJob job, boolean created) {
    }
}
