package com.styleshepherd.store.checkout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/** The SQL behind {@link PaymentLedger}: one {@code payments} row per provider idempotency key. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PaymentRepository extends GenericRepository<PaymentRecord, UUID> {

    /** Records an attempt, or what a retry of it learned (a client secret is kept once known). */
    @Query("""
            INSERT INTO payments (id, checkout_id, provider, provider_payment_id, idempotency_key, status, amount,
                                  currency, payment_method, client_secret, attempts, failure_code, failure_message)
            VALUES (:id, :checkoutId, :provider, :providerPaymentId, :idempotencyKey, :status, :amount, :currency,
                    :paymentMethod, :clientSecret, :attempt, :failureCode, :failureMessage)
            ON CONFLICT (idempotency_key) DO UPDATE SET
                provider_payment_id = EXCLUDED.provider_payment_id, status = EXCLUDED.status,
                payment_method = EXCLUDED.payment_method,
                client_secret = coalesce(EXCLUDED.client_secret, payments.client_secret),
                attempts = greatest(payments.attempts, EXCLUDED.attempts),
                failure_code = EXCLUDED.failure_code, failure_message = EXCLUDED.failure_message,
                updated_at = now()
            """)
    int upsertAttempt(UUID id, UUID checkoutId, String provider, @Nullable String providerPaymentId,
            String idempotencyKey, String status, BigDecimal amount, String currency, String paymentMethod,
            @Nullable String clientSecret, int attempt, @Nullable String failureCode, @Nullable String failureMessage);

    @Query("""
            UPDATE payments SET status = :status, client_secret = coalesce(:clientSecret, client_secret),
                                failure_code = :failureCode, failure_message = :failureMessage, updated_at = now()
            WHERE checkout_id = :checkoutId AND provider_payment_id = :providerPaymentId
            """)
    int updateStatus(UUID checkoutId, String providerPaymentId, String status, @Nullable String clientSecret,
            @Nullable String failureCode, @Nullable String failureMessage);

    @Query("SELECT * FROM payments WHERE checkout_id = :checkoutId ORDER BY created_at DESC LIMIT 1")
    Optional<PaymentRecord> latestFor(UUID checkoutId);

    Optional<PaymentRecord> findByProviderPaymentId(String providerPaymentId);

    @Query("SELECT count(*) FROM payments WHERE checkout_id = :checkoutId AND status = 'SUCCEEDED'")
    int countSucceeded(UUID checkoutId);
}
