package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.PricedLine;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stock held for checkouts. Units leave {@code product_sizes.stock} when a hold is taken and come
 * back when it is released or expires; {@code stock >= 0} is a constraint, and every decrement is
 * conditional on enough stock, so nothing is ever oversold, however many checkouts race.
 *
 * <p>Each method locks the checkout's row first: the steps of one checkout never interleave, even when
 * Temporal runs a retried activity while an earlier attempt is still finishing.
 */
@Singleton
public class StockReservations {

    private final JdbcOperations jdbc;

    StockReservations(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds every line's units until {@code hold} from now, all or nothing; the checkout becomes
     * STOCK_RESERVED. Lines already held or sold for this checkout are left as they are, so running it
     * again is harmless. Throws {@link OutOfStockException} and changes nothing when a line cannot be met.
     */
    @Transactional
    public void reserve(UUID checkoutId, List<PricedLine> lines, Duration hold) {
        lockCheckout(checkoutId);
        // A fixed order of row locks: two carts sharing sizes cannot deadlock.
        for (PricedLine line : lines.stream().sorted(Comparator.comparingLong(PricedLine::productSizeId)).toList()) {
            String held = reservationStatus(checkoutId, line.productSizeId());
            if ("HELD".equals(held) || "SOLD".equals(held)) {
                continue;
            }
            take(line);
            jdbc.prepareStatement("""
                    INSERT INTO stock_reservations (id, checkout_id, product_size_id, quantity, status, expires_at)
                    VALUES (?, ?, ?, ?, 'HELD', now() + ? * INTERVAL '1 millisecond')
                    ON CONFLICT (checkout_id, product_size_id) DO UPDATE SET
                        status = 'HELD', quantity = EXCLUDED.quantity, expires_at = EXCLUDED.expires_at,
                        updated_at = now()
                    """, statement -> {
                statement.setObject(1, UUID.randomUUID());
                statement.setObject(2, checkoutId);
                statement.setLong(3, line.productSizeId());
                statement.setInt(4, line.quantity());
                statement.setLong(5, hold.toMillis());
                return statement.executeUpdate();
            });
        }
    }

    /**
     * The first line whose size has fewer units in stock than it asks for right now, if any. A hint for
     * answering early: only {@link #reserve} decides, atomically.
     */
    @ReadOnly
    public Optional<Integer> firstShortLine(List<PricedLine> lines) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        // One query for the whole cart: each line's size id and quantity, joined to the stock.
        return jdbc.prepareStatement("""
                SELECT wanted.line_no
                FROM unnest(?::int[], ?::bigint[], ?::int[]) AS wanted(line_no, size_id, quantity)
                LEFT JOIN product_sizes ps ON ps.id = wanted.size_id
                WHERE ps.id IS NULL OR ps.stock < wanted.quantity
                ORDER BY wanted.line_no
                LIMIT 1
                """, statement -> {
            Connection connection = statement.getConnection();
            statement.setArray(1, connection.createArrayOf("integer",
                    lines.stream().map(PricedLine::lineNo).toArray()));
            statement.setArray(2, connection.createArrayOf("bigint",
                    lines.stream().map(PricedLine::productSizeId).toArray()));
            statement.setArray(3, connection.createArrayOf("integer",
                    lines.stream().map(PricedLine::quantity).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getInt(1)) : Optional.<Integer>empty();
            }
        });
    }

    /** Moves the expiry of the checkout's holds to at least {@code hold} from now. */
    @Transactional
    public void extend(UUID checkoutId, Duration hold) {
        lockCheckout(checkoutId);
        jdbc.prepareStatement("""
                UPDATE stock_reservations
                SET expires_at = greatest(expires_at, now() + ? * INTERVAL '1 millisecond'), updated_at = now()
                WHERE checkout_id = ? AND status = 'HELD'
                """, statement -> {
            statement.setLong(1, hold.toMillis());
            statement.setObject(2, checkoutId);
            return statement.executeUpdate();
        });
    }

    /** Returns the checkout's held units to stock; units already released, expired or sold are untouched. */
    @Transactional
    public int release(UUID checkoutId) {
        lockCheckout(checkoutId);
        return jdbc.prepareStatement("""
                WITH released AS (
                    UPDATE stock_reservations SET status = 'RELEASED', updated_at = now()
                    WHERE checkout_id = ? AND status = 'HELD'
                    RETURNING product_size_id, quantity)
                UPDATE product_sizes s SET stock = s.stock + r.quantity, updated_at = now()
                FROM released r WHERE s.id = r.product_size_id
                """, statement -> {
            statement.setObject(1, checkoutId);
            return statement.executeUpdate();
        });
    }

    /**
     * Returns holds that outlived their expiry to stock, oldest first, at most {@code limit} at a time.
     * Several workers may sweep at once: each skips the rows another is handling.
     *
     * @return how many holds expired
     */
    @Transactional
    public int expireOverdue(int limit) {
        return jdbc.prepareStatement("""
                WITH overdue AS (
                    SELECT id FROM stock_reservations
                    WHERE status = 'HELD' AND expires_at < now()
                    ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED),
                expired AS (
                    UPDATE stock_reservations r SET status = 'EXPIRED', updated_at = now()
                    FROM overdue o WHERE r.id = o.id
                    RETURNING r.product_size_id, r.quantity),
                restocked AS (
                    UPDATE product_sizes s SET stock = s.stock + e.quantity, updated_at = now()
                    FROM (SELECT product_size_id, sum(quantity) AS quantity FROM expired GROUP BY product_size_id) e
                    WHERE s.id = e.product_size_id
                    RETURNING s.id)
                SELECT count(*) FROM expired
                """, statement -> {
            statement.setInt(1, limit);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    /**
     * Turns the checkout's holds into sales. A line whose hold was released or expired takes its units
     * from stock again, or throws {@link OutOfStockException}. Call inside the order's transaction.
     */
    void sell(UUID checkoutId, List<PricedLine> lines) {
        for (PricedLine line : lines.stream().sorted(Comparator.comparingLong(PricedLine::productSizeId)).toList()) {
            int sold = jdbc.prepareStatement("""
                    UPDATE stock_reservations SET status = 'SOLD', updated_at = now()
                    WHERE checkout_id = ? AND product_size_id = ? AND status IN ('HELD', 'SOLD')
                    """, statement -> {
                statement.setObject(1, checkoutId);
                statement.setLong(2, line.productSizeId());
                return statement.executeUpdate();
            });
            if (sold == 1) {
                continue;
            }
            take(line);
            jdbc.prepareStatement("""
                    INSERT INTO stock_reservations (id, checkout_id, product_size_id, quantity, status, expires_at)
                    VALUES (?, ?, ?, ?, 'SOLD', now())
                    ON CONFLICT (checkout_id, product_size_id) DO UPDATE SET
                        status = 'SOLD', quantity = EXCLUDED.quantity, updated_at = now()
                    """, statement -> {
                statement.setObject(1, UUID.randomUUID());
                statement.setObject(2, checkoutId);
                statement.setLong(3, line.productSizeId());
                statement.setInt(4, line.quantity());
                return statement.executeUpdate();
            });
        }
    }

    /** Locks the checkout's row for the rest of the transaction. */
    void lockCheckout(UUID checkoutId) {
        boolean found = jdbc.prepareStatement("SELECT id FROM checkouts WHERE id = ? FOR UPDATE", statement -> {
            statement.setObject(1, checkoutId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        });
        if (!found) {
            throw new IllegalStateException("No checkout " + checkoutId);
        }
    }

    private void take(PricedLine line) {
        int taken = jdbc.prepareStatement("""
                UPDATE product_sizes SET stock = stock - ?, updated_at = now()
                WHERE id = ? AND active AND stock >= ?
                """, statement -> {
            statement.setInt(1, line.quantity());
            statement.setLong(2, line.productSizeId());
            statement.setInt(3, line.quantity());
            return statement.executeUpdate();
        });
        if (taken == 0) {
            throw new OutOfStockException(line.lineNo(), line.sku(), line.size(), line.quantity());
        }
    }

    private String reservationStatus(UUID checkoutId, long productSizeId) {
        return jdbc.prepareStatement(
                "SELECT status FROM stock_reservations WHERE checkout_id = ? AND product_size_id = ?", statement -> {
                    statement.setObject(1, checkoutId);
                    statement.setLong(2, productSizeId);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next() ? rows.getString(1) : null;
                    }
                });
    }
}
