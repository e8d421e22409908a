package com.styleshepherd.store.checkout;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL behind {@link StockReservations}: {@code stock_reservations} and the stock of
 * {@code product_sizes}. Every decrement of stock is conditional on enough stock.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface StockRepository extends GenericRepository<StockRepository.Reservation, UUID> {

    /** A row of {@code stock_reservations}: units of one size held (or sold) for one checkout. */
    @MappedEntity("stock_reservations")
    record Reservation(@Id UUID id, UUID checkoutId, long productSizeId, int quantity, String status,
            Instant expiresAt) {
    }

    /** Locks the checkout's row for the rest of the transaction; empty when there is no such checkout. */
    @Query("SELECT id FROM checkouts WHERE id = :checkoutId FOR UPDATE")
    Optional<UUID> lockCheckout(UUID checkoutId);

    @Query("SELECT status FROM stock_reservations WHERE checkout_id = :checkoutId AND product_size_id = :productSizeId")
    Optional<String> findStatus(UUID checkoutId, long productSizeId);

    /** 1 when the units were taken, 0 when the size has fewer in stock (or is not sold). */
    @Query("""
            UPDATE product_sizes SET stock = stock - :quantity, updated_at = now()
            WHERE id = :productSizeId AND active AND stock >= :quantity
            """)
    int take(long productSizeId, int quantity);

    /** Holds (or, with {@code holdMillis} 0 and status SOLD, records as sold) one size's units for a checkout. */
    @Query("""
            INSERT INTO stock_reservations (id, checkout_id, product_size_id, quantity, status, expires_at)
            VALUES (:id, :checkoutId, :productSizeId, :quantity, :status, now() + :holdMillis * INTERVAL '1 millisecond')
            ON CONFLICT (checkout_id, product_size_id) DO UPDATE SET
                status = EXCLUDED.status, quantity = EXCLUDED.quantity,
                expires_at = CASE WHEN EXCLUDED.status = 'HELD' THEN EXCLUDED.expires_at
                                  ELSE stock_reservations.expires_at END,
                updated_at = now()
            """)
    int upsert(UUID id, UUID checkoutId, long productSizeId, int quantity, String status, long holdMillis);

    /** The 1-based number of the first line whose size has fewer units in stock than it asks for. */
    @Query("""
            SELECT wanted.line_no
            FROM unnest(CAST(:lineNos AS int[]), CAST(:sizeIds AS bigint[]), CAST(:quantities AS int[]))
                 AS wanted(line_no, size_id, quantity)
            LEFT JOIN product_sizes ps ON ps.id = wanted.size_id
            WHERE ps.id IS NULL OR ps.stock < wanted.quantity
            ORDER BY wanted.line_no
            LIMIT 1
            """)
    @Nullable
    Integer firstShortLine(Integer[] lineNos, Long[] sizeIds, Integer[] quantities);

    @Query("""
            UPDATE stock_reservations
            SET expires_at = greatest(expires_at, now() + :holdMillis * INTERVAL '1 millisecond'), updated_at = now()
            WHERE checkout_id = :checkoutId AND status = 'HELD'
            """)
    int extend(UUID checkoutId, long holdMillis);

    /** A hold as the stock events name it. */
    @Introspected
    record Held(long productSizeId, int quantity) {
    }

    /** A hold that expired, for its StockReleased event. */
    @Introspected
    record Expired(UUID checkoutId, long productSizeId, int quantity) {
    }

    @Query("SELECT product_size_id, quantity FROM stock_reservations WHERE checkout_id = :checkoutId AND status = 'HELD'")
    List<Held> findHeld(UUID checkoutId);

    /** Returns the checkout's held units to stock: how many holds were released. */
    @Query("""
            WITH released AS (
                UPDATE stock_reservations SET status = 'RELEASED', updated_at = now()
                WHERE checkout_id = :checkoutId AND status = 'HELD'
                RETURNING product_size_id, quantity),
            restocked AS (
                UPDATE product_sizes s SET stock = s.stock + r.quantity, updated_at = now()
                FROM released r WHERE s.id = r.product_size_id
                RETURNING s.id)
            SELECT count(*) FROM released
            """)
    int release(UUID checkoutId);

    /** Expires at most {@code limit} overdue holds, skipping rows another sweeper holds: the holds that expired. */
    @Query("""
            WITH overdue AS (
                SELECT id FROM stock_reservations
                WHERE status = 'HELD' AND expires_at < now()
                ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED),
            expired AS (
                UPDATE stock_reservations r SET status = 'EXPIRED', updated_at = now()
                FROM overdue o WHERE r.id = o.id
                RETURNING r.checkout_id, r.product_size_id, r.quantity),
            restocked AS (
                UPDATE product_sizes s SET stock = s.stock + e.quantity, updated_at = now()
                FROM (SELECT product_size_id, sum(quantity) AS quantity FROM expired GROUP BY product_size_id) e
                WHERE s.id = e.product_size_id
                RETURNING s.id)
            SELECT checkout_id, product_size_id, quantity FROM expired
            """)
    List<Expired> expireOverdue(int limit);

    /** 1 when the size's hold (or an earlier sale) became a sale. */
    @Query("""
            UPDATE stock_reservations SET status = 'SOLD', updated_at = now()
            WHERE checkout_id = :checkoutId AND product_size_id = :productSizeId AND status IN ('HELD', 'SOLD')
            """)
    int sell(UUID checkoutId, long productSizeId);
}
