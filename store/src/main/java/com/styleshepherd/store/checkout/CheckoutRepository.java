package com.styleshepherd.store.checkout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL behind {@link CheckoutStore}. A checkout that has ended keeps its ending: no update below reopens it. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CheckoutRepository extends GenericRepository<CheckoutRecord, UUID> {

    /** 1 when the row was inserted, 0 when a checkout with this idempotency key exists already. */
    @Query("""
            INSERT INTO checkouts (id, user_id, idempotency_key, request_hash, workflow_id, status, request,
                                   subtotal, total, currency)
            VALUES (:id, :userId, :idempotencyKey, :requestHash, :workflowId, 'PENDING', CAST(:request AS jsonb),
                    :subtotal, :total, :currency)
            ON CONFLICT (idempotency_key) DO NOTHING
            """)
    int insertIfAbsent(UUID id, String userId, String idempotencyKey, String requestHash, String workflowId,
            String request, BigDecimal subtotal, BigDecimal total, String currency);

    Optional<CheckoutRecord> findById(UUID id);

    Optional<CheckoutRecord> findByIdempotencyKey(String idempotencyKey);

    @Query(value = """
            SELECT * FROM checkouts WHERE (CAST(:status AS text) IS NULL OR status = :status)
            ORDER BY created_at DESC, id
            """, countQuery = "SELECT count(*) FROM checkouts WHERE (CAST(:status AS text) IS NULL OR status = :status)")
    Page<CheckoutRecord> list(@Nullable String status, Pageable pageable);

    @Query("""
            UPDATE checkouts SET status = :status, updated_at = now()
            WHERE id = :id AND status NOT IN ('COMPLETED', 'CANCELLED', 'FAILED')
            """)
    int advance(UUID id, String status);

    @Query("""
            UPDATE checkouts SET subtotal = :subtotal, total = :total, currency = :currency, updated_at = now()
            WHERE id = :id
            """)
    int priced(UUID id, BigDecimal subtotal, BigDecimal total, String currency);

    @Query("""
            UPDATE checkouts SET status = :status, failure_reason = :failureReason, updated_at = now()
            WHERE id = :id AND status <> 'COMPLETED'
              AND (status <> :status OR failure_reason IS DISTINCT FROM CAST(:failureReason AS varchar))
            """)
    int end(UUID id, String status, @Nullable String failureReason);

    /**
     * A run chain begins: PENDING again, and one more run unless it is the first (or the same one again, when
     * nothing changes).
     */
    @Query("""
            UPDATE checkouts SET status = 'PENDING', failure_reason = NULL, first_run_id = :firstRunId,
                   runs = CASE WHEN first_run_id IS NULL THEN runs ELSE runs + 1 END, updated_at = now()
            WHERE id = :id AND status <> 'COMPLETED' AND first_run_id IS DISTINCT FROM :firstRunId
            """)
    int beginRun(UUID id, String firstRunId);

    @Query("""
            SELECT * FROM checkouts WHERE status = 'PENDING' AND first_run_id IS NULL
              AND updated_at < now() - make_interval(secs => :ageSeconds)
            ORDER BY updated_at LIMIT :limit
            """)
    List<CheckoutRecord> pendingLongerThan(double ageSeconds, int limit);
}
