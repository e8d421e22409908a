package com.styleshepherd.payments;

/**
 * A verified Stripe webhook about a payment intent.
 *
 * @param paymentIntentId the intent the event is about: the object itself, or a charge's or refund's
 *     {@code payment_intent}
 * @param workflowId the checkout workflow the intent belongs to, from the intent's metadata (null when absent)
 * @param refund the refund a {@code refund.*} or {@code charge.refund.*} event is about; null for other events
 * @param payload the raw body, stored as received
 */
public record PaymentWebhookEvent(String eventId, String type, String paymentIntentId, String workflowId,
        RefundUpdate refund, String payload) {

    /** Whether the event is about a payment intent's own state (what a checkout waits for). */
    public boolean aboutIntent() {
        return type != null && type.startsWith("payment_intent.");
    }

    /** A refund's state as Stripe reports it ({@code succeeded}, {@code pending}, {@code failed}, {@code canceled}). */
    public record RefundUpdate(String refundId, String status, long amount, String failureReason) {

        public boolean failed() {
            return "failed".equals(status) || "canceled".equals(status);
        }
    }
}
