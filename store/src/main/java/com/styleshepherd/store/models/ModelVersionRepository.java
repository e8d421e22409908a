package com.styleshepherd.store.models;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/**
 * The SQL behind {@link ModelStore}. A version is read without its weights (they can be megabytes), except
 * by {@link #weights}.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ModelVersionRepository extends GenericRepository<StoredModel, Long> {

    /** Every column but the weights. */
    String VERSIONS = """
            SELECT kind, version, training_run, trained_at, training_rows, test_rows, data_source, metric, score,
                   metrics, decision, weights_sha256, promoted_at, retired_at, replaced_version
            FROM model_versions
            """;

    /** Waits for, then holds until the transaction ends, the lock that numbers the kind's versions. */
    @Query("SELECT 1 FROM pg_advisory_xact_lock(hashtext('model_versions:' || :kind))")
    int lockVersions(String kind);

    /** Inserts the kind's next version; 0 when the training run has stored one already. */
    @Query("""
            INSERT INTO model_versions (kind, version, training_run, training_rows, test_rows, data_source, metric,
                                        score, metrics, decision, weights, weights_sha256)
            SELECT :kind, coalesce(max(version), 0) + 1, :trainingRun, :trainingRows, :testRows, :dataSource, :metric,
                   :score, CAST(:metrics AS jsonb), :decision, :weights, :weightsSha256
            FROM model_versions WHERE kind = :kind
            ON CONFLICT (kind, training_run) DO NOTHING
            """)
    int insertNextVersion(String kind, String trainingRun, int trainingRows, int testRows, String dataSource,
            String metric, double score, String metrics, String decision, byte[] weights, String weightsSha256);

    @Query(VERSIONS + "WHERE kind = :kind AND training_run = :trainingRun")
    Optional<StoredModel> findByRun(String kind, String trainingRun);

    @Query(VERSIONS + "WHERE kind = :kind AND promoted_at IS NOT NULL AND retired_at IS NULL")
    Optional<StoredModel> findPromoted(String kind);

    @Query(VERSIONS + "WHERE kind = :kind ORDER BY version DESC OFFSET :offset LIMIT :limit")
    List<StoredModel> list(String kind, int offset, int limit);

    long countByKind(String kind);

    @Query(VERSIONS + "WHERE kind = :kind AND version = :version")
    Optional<StoredModel> findVersion(String kind, int version);


    // A byte[] result would read as an array of results (one Byte each): the weights come in a record.
    @Query("SELECT weights FROM model_versions WHERE kind = :kind AND version = :version")
    Optional<Weights> weights(String kind, int version);

    @Query("UPDATE model_versions SET retired_at = now() WHERE kind = :kind AND version = :version")
    int retire(String kind, int version);

    /** Promotes a version, keeping what it replaced when it was first promoted (a rollback, a first version). */
    @Query("UPDATE model_versions SET promoted_at = now(), retired_at = NULL WHERE kind = :kind AND version = :version")
    int promote(String kind, int version);

    /** Promotes a version in place of {@code replaced}: where a rollback from it goes. */
    @Query("""
            UPDATE model_versions SET promoted_at = now(), retired_at = NULL, replaced_version = :replaced
            WHERE kind = :kind AND version = :version
            """)
    int promoteReplacing(String kind, int version, int replaced);

    /** A version's weights. */
    @Introspected
    record Weights(byte[] weights) {
    }
}
