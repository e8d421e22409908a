package com.styleshepherd.workflows.checkout;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One attempt to pay for a checkout. The first attempt creates the payment intent, later ones
 * confirm the same intent with another payment method, so a decline never blocks a retry.
 *
 * @param idempotencyKey derived from the workflow execution; each provider call appends its own suffix
 * @param attempt 1 for the first try
 * @param paymentIntentId the intent of earlier attempts, null on the first
 */
public record PaymentCharge(
        UUID checkoutId,
        String shopperId,
        String workflowId,
        String idempotencyKey,
        int attempt,
        String paymentIntentId,
        BigDecimal amount,
        String currency,
        String paymentMethod) {
}
