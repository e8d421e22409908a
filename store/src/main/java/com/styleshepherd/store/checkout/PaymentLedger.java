package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.PaymentAttempt;
import com.styleshepherd.workflows.checkout.PaymentCharge;
import com.styleshepherd.workflows.checkout.PaymentStatus;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code payments} table: one row per payment intent, updated as attempts and webhooks change it.
 */
@Singleton
public class PaymentLedger {

    private static final String SELECT_PAYMENT = """
            SELECT id, checkout_id, provider, provider_payment_id, status, amount, currency, client_secret,
                   attempts, failure_code, failure_message
            FROM payments
            """;

    private final JdbcOperations jdbc;

    PaymentLedger(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an attempt's outcome, keyed by the charge's idempotency key (the workflow records the checkout's status). */
    @Transactional
    public void recordAttempt(String provider, PaymentCharge charge, PaymentAttempt attempt) {
        jdbc.prepareStatement("""
                INSERT INTO payments (id, checkout_id, provider, provider_payment_id, idempotency_key, status, amount,
                                      currency, payment_method, client_secret, attempts, failure_code, failure_message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO UPDATE SET
                    provider_payment_id = EXCLUDED.provider_payment_id, status = EXCLUDED.status,
                    payment_method = EXCLUDED.payment_method,
                    client_secret = coalesce(EXCLUDED.client_secret, payments.client_secret),
                    attempts = greatest(payments.attempts, EXCLUDED.attempts),
                    failure_code = EXCLUDED.failure_code, failure_message = EXCLUDED.failure_message,
                    updated_at = now()
                """, statement -> {
            statement.setObject(1, UUID.randomUUID());
            statement.setObject(2, charge.checkoutId());
            statement.setString(3, provider);
            statement.setString(4, attempt.paymentIntentId());
            statement.setString(5, charge.idempotencyKey());
            statement.setString(6, attempt.status().name());
            statement.setBigDecimal(7, charge.amount());
            statement.setString(8, charge.currency());
            statement.setString(9, charge.paymentMethod());
            statement.setString(10, attempt.clientSecret());
            statement.setInt(11, charge.attempt());
            statement.setString(12, attempt.declineCode());
            statement.setString(13, attempt.declineMessage());
            return statement.executeUpdate();
        });
    }

    /** Records the intent's state as the provider reported it later (after a webhook, a cancel or a refund). */
    @Transactional
    public void recordStatus(UUID checkoutId, PaymentAttempt attempt) {
        jdbc.prepareStatement("""
                UPDATE payments SET status = ?, client_secret = coalesce(?, client_secret), failure_code = ?,
                                    failure_message = ?, updated_at = now()
                WHERE checkout_id = ? AND provider_payment_id = ?
                """, statement -> {
            statement.setString(1, attempt.status().name());
            statement.setString(2, attempt.clientSecret());
            statement.setString(3, attempt.declineCode());
            statement.setString(4, attempt.declineMessage());
            statement.setObject(5, checkoutId);
            statement.setString(6, attempt.paymentIntentId());
            return statement.executeUpdate();
        });
    }

    /** The checkout's latest payment intent. */
    @ReadOnly
    public Optional<PaymentRecord> latestFor(UUID checkoutId) {
        return jdbc.prepareStatement(SELECT_PAYMENT + " WHERE checkout_id = ? ORDER BY created_at DESC LIMIT 1",
                statement -> {
                    statement.setObject(1, checkoutId);
                    return read(statement.executeQuery());
                });
    }

    /** The payment of a provider's intent id (to route a webhook to its checkout). */
    @ReadOnly
    public Optional<PaymentRecord> findByProviderId(String providerPaymentId) {
        return jdbc.prepareStatement(SELECT_PAYMENT + " WHERE provider_payment_id = ?", statement -> {
            statement.setString(1, providerPaymentId);
            return read(statement.executeQuery());
        });
    }

    /** How many intents with money taken exist for a checkout (for tests and ops checks). */
    @ReadOnly
    public int countSucceeded(UUID checkoutId) {
        return jdbc.prepareStatement(
                "SELECT count(*) FROM payments WHERE checkout_id = ? AND status = 'SUCCEEDED'", statement -> {
                    statement.setObject(1, checkoutId);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                });
    }

    private static Optional<PaymentRecord> read(ResultSet rows) throws java.sql.SQLException {
        try (rows) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new PaymentRecord(rows.getObject("id", UUID.class),
                    rows.getObject("checkout_id", UUID.class), rows.getString("provider"),
                    rows.getString("provider_payment_id"), PaymentStatus.valueOf(rows.getString("status")),
                    rows.getBigDecimal("amount"), rows.getString("currency"), rows.getString("client_secret"),
                    rows.getInt("attempts"), rows.getString("failure_code"), rows.getString("failure_message")));
        }
    }
}
