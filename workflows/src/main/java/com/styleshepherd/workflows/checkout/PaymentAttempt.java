package com.styleshepherd.workflows.checkout;

/**
 * What the provider said about a payment attempt.
 *
 * @param clientSecret lets the frontend finish 3-D Secure; present with {@link PaymentStatus#REQUIRES_ACTION}
 * @param declineCode the provider's decline code (e.g. {@code card_declined}), with {@link PaymentStatus#DECLINED}
 */
public record PaymentAttempt(
        String paymentIntentId, PaymentStatus status, String clientSecret, String declineCode, String declineMessage) {
}
