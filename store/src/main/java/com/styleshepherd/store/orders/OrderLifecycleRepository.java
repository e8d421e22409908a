package com.styleshepherd.store.orders;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL behind {@link OrderLifecycle}: what the order workflow writes, and what it reads to start. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface OrderLifecycleRepository extends GenericRepository<OrderLifecycleRepository.RefundRow, UUID> {

    /** A refund as {@code order_refunds} holds it. */
    @MappedEntity("order_refunds")
    record RefundRow(@Id UUID id, UUID orderId, String idempotencyKey, @Nullable UUID returnId, BigDecimal amount,
            String currency, String reason, String status, @Nullable String providerRefundId,
            @Nullable String failureMessage) {
    }

    /** The order's money: what it cost and what its checkout's successful payment took. */
    @Introspected
    record OrderMoney(UUID id, BigDecimal total, String currency, @Nullable String paymentIntentId,
            @Nullable BigDecimal paid) {
    }

    /** An order placed before orders had a workflow, as its row stands. */
    @Introspected
    record WithoutWorkflow(UUID id, UUID checkoutId, @Nullable String userId, String status) {
    }

    /**
     * Orders placed before {@code placedBefore} that no order workflow ever opened ({@code payment_status} is
     * written by the workflow's first step) and that are not closed, by id after {@code after}.
     */
    @Query("""
            SELECT id, checkout_id, user_id, status FROM orders
            WHERE payment_status IS NULL AND status IN ('PLACED', 'SHIPPED', 'DELIVERED') AND created_at < :placedBefore
              AND id > :after
            ORDER BY id LIMIT :limit
            """)
    List<WithoutWorkflow> findWithoutWorkflow(Instant placedBefore, UUID after, int limit);

    /** A line as the order workflow needs it. */
    @Introspected
    record LineRow(UUID id, short lineNo, long productSizeId, String sku, int quantity, BigDecimal unitPrice,
            BigDecimal lineTotal) {
    }

    @Query("""
            SELECT o.id, o.total, o.currency, p.provider_payment_id AS payment_intent_id, p.amount AS paid
            FROM orders o
            LEFT JOIN LATERAL (SELECT provider_payment_id, amount FROM payments
                               WHERE checkout_id = o.checkout_id AND status IN ('SUCCEEDED', 'REFUNDED')
                               ORDER BY updated_at DESC LIMIT 1) p ON TRUE
            WHERE o.id = :orderId
            """)
    Optional<OrderMoney> findMoney(UUID orderId);

    @Query("""
            SELECT id, line_no, product_size_id, sku, quantity, unit_price, line_total
            FROM order_lines WHERE order_id = :orderId ORDER BY line_no
            """)
    List<LineRow> findLines(UUID orderId);

    @Query("""
            UPDATE orders SET captured_amount = :captured, payment_status = COALESCE(payment_status, 'SUCCEEDED'),
                              updated_at = now()
            WHERE id = :orderId
            """)
    int recordCapture(UUID orderId, BigDecimal captured);

    @Query("SELECT status FROM orders WHERE id = :orderId FOR UPDATE")
    Optional<String> lockStatus(UUID orderId);

    @Query("UPDATE orders SET status = :status, payment_status = :paymentStatus, updated_at = now() WHERE id = :orderId")
    int recordStatus(UUID orderId, String status, String paymentStatus);

    /** Puts a line's units back in stock unless this key restocked that line already; 1 when it did now. */
    @Query("""
            WITH added AS (
                INSERT INTO order_restocks (restock_key, order_line_id, quantity)
                VALUES (:restockKey, :lineId, :quantity)
                ON CONFLICT DO NOTHING
                RETURNING order_line_id, quantity),
            restocked AS (
                UPDATE product_sizes s SET stock = s.stock + a.quantity, updated_at = now()
                FROM added a JOIN order_lines l ON l.id = a.order_line_id
                WHERE s.id = l.product_size_id AND l.order_id = :orderId
                RETURNING s.id)
            SELECT count(*) FROM restocked
            """)
    int restock(UUID orderId, String restockKey, UUID lineId, int quantity);

    @Query("SELECT COALESCE(captured_amount, total) FROM orders WHERE id = :orderId FOR UPDATE")
    Optional<BigDecimal> lockCaptured(UUID orderId);

    @Query("SELECT COALESCE(sum(amount), 0) FROM order_refunds WHERE order_id = :orderId AND status <> 'FAILED'")
    BigDecimal committedRefunds(UUID orderId);

    @Query("SELECT * FROM order_refunds WHERE idempotency_key = :idempotencyKey")
    Optional<RefundRow> findRefund(String idempotencyKey);

    RefundRow save(RefundRow refund);

    /** 1 when the refund moved from PENDING to SUCCEEDED now (so its amount is added once). */
    @Query("""
            UPDATE order_refunds SET status = 'SUCCEEDED', provider_refund_id = :providerRefundId, updated_at = now()
            WHERE idempotency_key = :idempotencyKey AND status = 'PENDING'
            """)
    int succeed(String idempotencyKey, String providerRefundId);

    @Query("""
            UPDATE order_refunds SET status = 'FAILED', failure_message = :message, updated_at = now()
            WHERE idempotency_key = :idempotencyKey AND status = 'PENDING'
            """)
    int fail(String idempotencyKey, String message);

    @Query("UPDATE orders SET refunded_amount = refunded_amount + :amount, updated_at = now() WHERE id = :orderId")
    int addRefunded(UUID orderId, BigDecimal amount);

    /** 1 when a refund that had succeeded is FAILED now (so its amount is taken off once). */
    @Query("""
            UPDATE order_refunds SET status = 'FAILED', failure_message = :message, updated_at = now()
            WHERE idempotency_key = :idempotencyKey AND status = 'SUCCEEDED'
            """)
    int failAfterSuccess(String idempotencyKey, String message);

    @Query("SELECT * FROM order_refunds WHERE provider_refund_id = :providerRefundId")
    Optional<RefundRow> findByProviderRefundId(String providerRefundId);

    /** Inserts the return the workflow accepted; 0 when it exists already. */
    @Query("""
            INSERT INTO returns (id, order_id, order_line_id, user_id, quantity, reason, comment)
            VALUES (:id, :orderId, :lineId, :userId, :quantity, :reason, :comment)
            ON CONFLICT DO NOTHING
            """)
    int insertReturn(UUID id, UUID orderId, UUID lineId, @Nullable String userId, int quantity, String reason,
            @Nullable String comment);

    @Query("""
            UPDATE returns SET status = :status, condition = :condition, refund_amount = :refundAmount,
                               received_at = CASE WHEN :status = 'EXPIRED' THEN received_at
                                                  ELSE COALESCE(received_at, now()) END,
                               updated_at = now()
            WHERE id = :returnId
            """)
    int recordReturnOutcome(UUID returnId, String status, @Nullable String condition,
            @Nullable BigDecimal refundAmount);

    @Query("""
            INSERT INTO shipments (id, order_id, status, line_ids, carrier, tracking_number)
            VALUES (:id, :orderId, :status, CAST(:lineIds AS uuid[]), :carrier, :trackingNumber)
            ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status,
                carrier = COALESCE(EXCLUDED.carrier, shipments.carrier),
                tracking_number = COALESCE(EXCLUDED.tracking_number, shipments.tracking_number), updated_at = now()
            """)
    int upsertShipment(UUID id, UUID orderId, String status, String[] lineIds, @Nullable String carrier,
            @Nullable String trackingNumber);
}
