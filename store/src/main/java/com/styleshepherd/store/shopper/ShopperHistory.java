package com.styleshepherd.store.shopper;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What shoppers bought and sent back, as recommendations read it. Cancelled orders do not count. */
@Singleton
public class ShopperHistory {

    private final JdbcOperations jdbc;

    ShopperHistory(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The products the shopper bought, newest first, at most {@code limit}: one row per product (its
     * latest purchase), with the reason it came back when a line of it was returned.
     */
    @ReadOnly
    public List<Purchase> purchases(String userId, int limit) {
        return jdbc.prepareStatement("""
                SELECT product_id, product_name, category, size, reason, bought_at FROM (
                    SELECT DISTINCT ON (l.product_id) l.product_id, l.product_name, l.category, l.size, r.reason,
                           o.created_at AS bought_at
                    FROM orders o
                    JOIN order_lines l ON l.order_id = o.id
                    LEFT JOIN returns r ON r.order_line_id = l.id AND r.status <> 'REJECTED'
                    WHERE o.user_id = ? AND o.status <> 'CANCELLED'
                    ORDER BY l.product_id, r.reason IS NULL, o.created_at DESC
                ) bought
                ORDER BY bought_at DESC, product_id LIMIT ?
                """, statement -> {
            statement.setString(1, userId);
            statement.setInt(2, limit);
            List<Purchase> purchases = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    purchases.add(new Purchase(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getTimestamp(6).toInstant()));
                }
            }
            return purchases;
        });
    }

    /** The best-selling products of the last {@code window}: product id → units sold, most first. */
    @ReadOnly
    public Map<Long, Long> bestSellers(Duration window, int limit) {
        return jdbc.prepareStatement("""
                SELECT l.product_id, sum(l.quantity) AS units
                FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.status <> 'CANCELLED' AND o.created_at > now() - make_interval(secs => ?)
                GROUP BY l.product_id ORDER BY units DESC, l.product_id LIMIT ?
                """, statement -> {
            statement.setLong(1, window.toSeconds());
            statement.setInt(2, limit);
            Map<Long, Long> units = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    units.put(rows.getLong(1), rows.getLong(2));
                }
            }
            return units;
        });
    }

    /**
     * A product the shopper bought.
     *
     * @param returnReason TOO_SMALL, TOO_LARGE, STYLE, QUALITY or OTHER when it came back; null when kept
     */
    public record Purchase(long productId, String productName, String category, String size,
            @Nullable String returnReason, Instant boughtAt) {

        /** Sent back because the shopper did not like it (not because of its size). */
        public boolean dislikedStyle() {
            return "STYLE".equals(returnReason) || "QUALITY".equals(returnReason);
        }
    }
}
