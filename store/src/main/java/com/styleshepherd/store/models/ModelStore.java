package com.styleshepherd.store.models;

import com.styleshepherd.store.JsonColumns;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model versions in PostgreSQL (table {@code model_versions}): candidates stored by training runs, and the
 * one promoted version per kind that scoring loads.
 */
@Singleton
public class ModelStore {

    private static final String COLUMNS = """
            SELECT kind, version, training_run, trained_at, training_rows, test_rows, data_source, metric, score,
                   metrics::text AS metrics, decision, weights_sha256, promoted_at, retired_at
            FROM model_versions
            """;

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    ModelStore(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a training run made, to be stored. */
    public record Candidate(String kind, String trainingRun, int trainingRows, int testRows, String dataSource,
            String metric, double score, Map<String, Double> metrics, String decision, byte[] weights) {
    }

    /**
     * Stores a candidate as the kind's next version; a second call with the same training run (a retried
     * activity) stores nothing and returns the first call's version.
     */
    @Transactional
    public StoredModel store(Candidate candidate) {
        Optional<StoredModel> already = byRun(candidate.kind(), candidate.trainingRun());
        if (already.isPresent()) {
            return already.get();
        }
        // Versions are numbered per kind; the lock makes concurrent runs of one kind take turns.
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('model_versions:' || ?))", statement -> {
            statement.setString(1, candidate.kind());
            statement.executeQuery().close();
            return null;
        });
        jdbc.prepareStatement("""
                INSERT INTO model_versions (kind, version, training_run, training_rows, test_rows, data_source, metric,
                                            score, metrics, decision, weights, weights_sha256)
                SELECT ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?
                FROM model_versions WHERE kind = ?
                ON CONFLICT (kind, training_run) DO NOTHING
                """, statement -> {
            statement.setString(1, candidate.kind());
            statement.setString(2, candidate.trainingRun());
            statement.setInt(3, candidate.trainingRows());
            statement.setInt(4, candidate.testRows());
            statement.setString(5, candidate.dataSource());
            statement.setString(6, candidate.metric());
            statement.setDouble(7, candidate.score());
            statement.setString(8, json.write(candidate.metrics()));
            statement.setString(9, candidate.decision());
            statement.setBytes(10, candidate.weights());
            statement.setString(11, sha256(candidate.weights()));
            statement.setString(12, candidate.kind());
            return statement.executeUpdate();
        });
        return byRun(candidate.kind(), candidate.trainingRun()).orElseThrow();
    }

    @ReadOnly
    public Optional<StoredModel> byRun(String kind, String trainingRun) {
        return one(COLUMNS + " WHERE kind = ? AND training_run = ?", kind, trainingRun);
    }

    @ReadOnly
    public Optional<StoredModel> promoted(String kind) {
        return one(COLUMNS + " WHERE kind = ? AND promoted_at IS NOT NULL AND retired_at IS NULL", kind, null);
    }

    /** The weights of one version. */
    @ReadOnly
    public Optional<byte[]> weights(String kind, int version) {
        return jdbc.prepareStatement("SELECT weights FROM model_versions WHERE kind = ? AND version = ?", statement -> {
            statement.setString(1, kind);
            statement.setInt(2, version);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.<byte[]>empty();
            }
        });
    }

    /**
     * Promotes {@code version} if {@code replacing} (null: none) is still the promoted version of the kind:
     * retires it and promotes the new one in one transaction. Returns whether {@code version} is promoted
     * now (true again for a repeated call).
     */
    @Transactional
    public boolean promote(String kind, int version, Integer replacing) {
        Optional<StoredModel> current = promoted(kind);
        if (current.isPresent() && current.get().version() == version) {
            return true;
        }
        Integer currentVersion = current.map(StoredModel::version).orElse(null);
        if (!java.util.Objects.equals(currentVersion, replacing)) {
            return false;
        }
        if (currentVersion != null) {
            update("UPDATE model_versions SET retired_at = now() WHERE kind = ? AND version = ?", kind, currentVersion);
        }
        // The unique index on promoted versions turns a concurrent promotion into a failed transaction.
        return update("UPDATE model_versions SET promoted_at = now(), retired_at = NULL WHERE kind = ? AND version = ?",
                kind, version) == 1;
    }

    /** Versions of one kind, newest first, a page at a time. */
    @ReadOnly
    public List<StoredModel> list(String kind, int offset, int limit) {
        return jdbc.prepareStatement(COLUMNS + " WHERE kind = ? ORDER BY version DESC OFFSET ? LIMIT ?", statement -> {
            statement.setString(1, kind);
            statement.setInt(2, offset);
            statement.setInt(3, limit);
            try (ResultSet rows = statement.executeQuery()) {
                List<StoredModel> models = new ArrayList<>();
                while (rows.next()) {
                    models.add(read(rows));
                }
                return models;
            }
        });
    }

    @ReadOnly
    public long count(String kind) {
        return jdbc.prepareStatement("SELECT count(*) FROM model_versions WHERE kind = ?", statement -> {
            statement.setString(1, kind);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private int update(String sql, String kind, int version) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, kind);
            statement.setInt(2, version);
            return statement.executeUpdate();
        });
    }

    private Optional<StoredModel> one(String sql, String kind, String run) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, kind);
            if (run != null) {
                statement.setString(2, run);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.<StoredModel>empty();
            }
        });
    }

    private StoredModel read(ResultSet rows) throws SQLException {
        @SuppressWarnings("unchecked")
        Map<String, Double> metrics = json.read(rows.getString("metrics"), Map.class);
        return new StoredModel(rows.getString("kind"), rows.getInt("version"), rows.getString("training_run"),
                rows.getTimestamp("trained_at").toInstant(), rows.getInt("training_rows"), rows.getInt("test_rows"),
                rows.getString("data_source"), rows.getString("metric"), rows.getDouble("score"), numbers(metrics),
                rows.getString("decision"), rows.getString("weights_sha256"), instant(rows.getTimestamp("promoted_at")),
                instant(rows.getTimestamp("retired_at")));
    }

    private static Map<String, Double> numbers(Map<String, ?> raw) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        raw.forEach((key, value) -> out.put(key, ((Number) value).doubleValue()));
        return out;
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
