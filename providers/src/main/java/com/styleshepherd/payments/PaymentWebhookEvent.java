package com.styleshepherd.payments;

/**
 * A verified Stripe webhook about a payment intent.
 *
 * @param workflowId the checkout workflow the intent belongs to, from the intent's metadata (null when absent)
 * @param payload the raw body, stored as received
 */
public record PaymentWebhookEvent(String eventId, String type, String paymentIntentId, String workflowId, String payload) {
}
