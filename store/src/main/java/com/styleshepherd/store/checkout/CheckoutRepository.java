package com.styleshepherd.store.checkout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL behind {@link CheckoutStore}. A checkout that has ended keeps its ending: no update below reopens it. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CheckoutRepository extends GenericRepository<CheckoutRecord, UUID> {

    /** 1 when the row was inserted, 0 when a checkout with this idempotency key exists already. */
    @Query("""
            INSERT INTO checkouts (id, user_id, idempotency_key, request_hash, workflow_id, status, request)
            VALUES (:id, :userId, :idempotencyKey, :requestHash, :workflowId, 'PENDING', CAST(:request AS jsonb))
            ON CONFLICT (idempotency_key) DO NOTHING
            """)
    int insertIfAbsent(UUID id, String userId, String idempotencyKey, String requestHash, String workflowId,
            String request);

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
    int priced(UUID id, java.math.BigDecimal subtotal, java.math.BigDecimal total, String currency);

    @Query("""
            UPDATE checkouts SET status = :status, failure_reason = :failureReason, updated_at = now()
            WHERE id = :id AND status <> 'COMPLETED'
            """)
    int end(UUID id, String status, @Nullable String failureReason);

    @Query("""
            UPDATE checkouts SET status = 'PENDING', failure_reason = NULL, runs = runs + 1, updated_at = now()
            WHERE id = :id AND status IN ('FAILED', 'CANCELLED')
            """)
    int reopen(UUID id);

    @Query("""
            SELECT * FROM checkouts WHERE status = 'PENDING' AND updated_at < now() - make_interval(secs => :ageSeconds)
            ORDER BY updated_at LIMIT :limit
            """)
    List<CheckoutRecord> pendingLongerThan(double ageSeconds, int limit);
}
