package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.PaymentAttempt;
import com.styleshepherd.workflows.checkout.PaymentCharge;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code payments} table: one row per payment intent, updated as attempts and webhooks change it.
 */
@Singleton
public class PaymentLedger {

    private final PaymentRepository payments;

    PaymentLedger(PaymentRepository payments) {
        this.payments = payments;
    }

    /** Records an attempt's outcome, keyed by the charge's idempotency key (the workflow records the checkout's status). */
    @Transactional
    public void recordAttempt(String provider, PaymentCharge charge, PaymentAttempt attempt) {
        payments.upsertAttempt(UUID.randomUUID(), charge.checkoutId(), provider, attempt.paymentIntentId(),
                charge.idempotencyKey(), attempt.status().name(), charge.amount(), charge.currency(),
                charge.paymentMethod(), attempt.clientSecret(), charge.attempt(), attempt.declineCode(),
                attempt.declineMessage());
    }

    /** Records the intent's state as the provider reported it later (after a webhook, a cancel or a refund). */
    @Transactional
    public void recordStatus(UUID checkoutId, PaymentAttempt attempt) {
        payments.updateStatus(checkoutId, attempt.paymentIntentId(), attempt.status().name(), attempt.clientSecret(),
                attempt.declineCode(), attempt.declineMessage());
    }

    /** The checkout's latest payment intent. */
    @ReadOnly
    public Optional<PaymentRecord> latestFor(UUID checkoutId) {
        return payments.latestFor(checkoutId);
    }

    /** The payment of a provider's intent id (to route a webhook to its checkout). */
    @ReadOnly
    public Optional<PaymentRecord> findByProviderId(String providerPaymentId) {
        return payments.findByProviderPaymentId(providerPaymentId);
    }

    /** How many intents with money taken exist for a checkout (for tests and ops checks). */
    @ReadOnly
    public int countSucceeded(UUID checkoutId) {
        return payments.countSucceeded(checkoutId);
    }
}
