package com.styleshepherd.payments;

import com.styleshepherd.workflows.checkout.PaymentAttempt;
import com.styleshepherd.workflows.checkout.PaymentCharge;

/**
 * The payment provider, as the checkout needs it. Every call that changes something carries an
 * idempotency key, so a retried call changes nothing the second time. Adapters:
 * {@link StripePaymentGateway} (production) and {@link PaymentSimulator} (dev and tests, when no
 * Stripe key is configured).
 *
 * <p>A decline is an outcome ({@code DECLINED}), not an error. Errors are
 * {@link PaymentProviderException}: retryable when the provider may answer differently later.
 */
public interface PaymentGateway {

    /** Short name stored with each payment ({@code stripe}, {@code simulator}). */
    String provider();

    /** Creates the payment intent for the charge and confirms it with the charge's payment method. */
    PaymentAttempt createAndConfirm(PaymentCharge charge, String idempotencyKey);

    /** Confirms an existing intent with another payment method (after a decline). */
    PaymentAttempt confirm(String paymentIntentId, String paymentMethod, String idempotencyKey);

    /** The intent's current state at the provider. */
    PaymentAttempt retrieve(String paymentIntentId);

    /** Cancels an intent that took no money. */
    PaymentAttempt cancel(String paymentIntentId, String idempotencyKey);

    /** Refunds an intent that took money, in full. */
    PaymentAttempt refund(String paymentIntentId, String idempotencyKey);

    /**
     * Refunds {@code amount} of an intent that took money (part of it, or all that is left). The same key
     * answers the same refund, never a second one. A refund the provider refuses (more than is left, a
     * failed refund) is a {@link PaymentProviderException} that is not retryable.
     */
    ProviderRefund refundAmount(String paymentIntentId, java.math.BigDecimal amount, String currency,
            String idempotencyKey);
}
