package com.styleshepherd.workflows.checkout;

import io.temporal.activity.ActivityInterface;
import java.util.UUID;

/**
 * Payments through the payment provider (task queue {@code checkout}). Each call carries an
 * idempotency key derived from the workflow execution, so a retried activity never creates or
 * confirms twice. Each records the outcome in {@code payments} and mirrors the checkout's status.
 */
@ActivityInterface
public interface PaymentActivities {

    /** Creates and confirms the payment intent (first attempt) or confirms it with a new method. */
    PaymentAttempt chargePayment(PaymentCharge charge);

    /** Reads the intent's state from the provider (after a webhook) and records it. */
    PaymentAttempt refreshPayment(UUID checkoutId, String paymentIntentId);

    /** Compensation: cancels the checkout's intent, or refunds it if money was taken. */
    void voidPayment(UUID checkoutId);
}
