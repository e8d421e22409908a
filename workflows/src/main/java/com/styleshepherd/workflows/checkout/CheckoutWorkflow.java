package com.styleshepherd.workflows.checkout;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One shopper's checkout, from cart to order. Workflow id {@code checkout-{key}} where the key is the
 * shopper's {@code Idempotency-Key} scoped to the shopper ({@link #shopperKey}), task queue {@code checkout}. Completes with the final {@link CheckoutState}; a run that ends CANCELLED or
 * FAILED fails with {@link CheckoutFailures#CHECKOUT_CANCELLED} / {@link CheckoutFailures#CHECKOUT_FAILED}
 * after its compensations ran.
 */
@WorkflowInterface
public interface CheckoutWorkflow {

    static String workflowId(String idempotencyKey) {
        return "checkout-" + idempotencyKey;
    }

    /**
     * An {@code Idempotency-Key} as the shopper's own: the same key sent by two shoppers names two checkouts,
     * so one shopper's key tells nothing about another's. The prefix is the first 16 hex digits of the
     * SHA-256 of the user id (ids from an identity provider may hold any character).
     */
    static String shopperKey(String userId, String idempotencyKey) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(userId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8) + "." + idempotencyKey;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    @WorkflowMethod
    CheckoutState checkout(CheckoutRequest request);

    @QueryMethod
    CheckoutState state();

    /** A verified webhook of the payment provider about this checkout's payment intent. */
    @SignalMethod
    void paymentEvent(PaymentEvent event);

    /**
     * Tries another payment method after a decline. Answers once the attempt has an outcome
     * (succeeded, needs 3-D Secure, or declined again).
     */
    @UpdateMethod
    CheckoutState retryPayment(String paymentMethod);

    /** Rejects the update unless the checkout is waiting for another payment method. */
    @UpdateValidatorMethod(updateName = "retryPayment")
    void validateRetryPayment(String paymentMethod);
}
