package com.styleshepherd.store.shopper;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;

/**
 * Erases a shopper's personal data in one transaction (the right to erasure). Deleted: the profile,
 * memories, conversations and the shopper's row itself. Kept for accounting but anonymised: orders
 * (no shopper, no shipping address), checkouts (no shopper, no address in the stored request) and
 * returns (no shopper, no comment). Payments hold no personal data beyond the provider's ids.
 */
@Singleton
public class ShopperErasure {

    /** What was erased or anonymised, row counts. */
    @Serdeable
    public record Erased(boolean profile, int memories, int conversations, int orders, int checkouts, int returns) {
    }

    /** The shopper has a checkout that has not ended: erase after it has. */
    public static final class CheckoutInProgress extends RuntimeException {
        CheckoutInProgress(String message) {
            super(message, null, false, false);
        }
    }

    private final JdbcOperations jdbc;

    ShopperErasure(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @throws CheckoutInProgress while one of the shopper's checkouts runs (its workflow still needs the
     *     address and the shopper); nothing is changed then
     */
    @Transactional
    public Erased erase(String userId) {
        // Lock the shopper's row first: a checkout opening now waits, then finds the shopper gone.
        jdbc.prepareStatement("SELECT id FROM users WHERE id = ? FOR UPDATE", statement -> {
            statement.setString(1, userId);
            return statement.executeQuery().next();
        });
        int running = count("""
                SELECT count(*) FROM checkouts
                WHERE user_id = ? AND status NOT IN ('COMPLETED', 'CANCELLED', 'FAILED')
                """, userId);
        if (running > 0) {
            throw new CheckoutInProgress(running + " checkout(s) in progress: erase once they have ended");
        }
        boolean profile = update("DELETE FROM profiles WHERE user_id = ?", userId) > 0;
        int memories = update("DELETE FROM memories WHERE user_id = ?", userId);
        int conversations = update("DELETE FROM conversations WHERE user_id = ?", userId);
        int returns = update("UPDATE returns SET user_id = NULL, comment = NULL, updated_at = now() WHERE user_id = ?",
                userId);
        int orders = update("""
                UPDATE orders SET user_id = NULL, shipping_address = '{}'::jsonb, anonymised_at = now(), updated_at = now()
                WHERE user_id = ?
                """, userId);
        int checkouts = update("""
                UPDATE checkouts SET user_id = NULL, request = request - 'shippingAddress', updated_at = now()
                WHERE user_id = ?
                """, userId);
        update("DELETE FROM users WHERE id = ?", userId);
        return new Erased(profile, memories, conversations, orders, checkouts, returns);
    }

    private int update(String sql, String userId) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, userId);
            return statement.executeUpdate();
        });
    }

    private int count(String sql, String userId) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }
}
