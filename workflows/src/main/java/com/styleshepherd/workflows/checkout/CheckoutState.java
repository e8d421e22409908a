package com.styleshepherd.workflows.checkout;

import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
import java.util.UUID;

/**
 * The checkout as the workflow sees it now: the answer of the {@code state} query, of the
 * {@code retryPayment} update, and the result of a completed run.
 */
public record CheckoutState(
        UUID checkoutId,
        CheckoutStatus status,
        FailureReason failureReason,
        UUID orderId,
        ReturnRiskAssessment returnRisk,
        String paymentIntentId,
        PaymentStatus paymentStatus,
        String clientSecret,
        int paymentAttempts,
        String declineCode) {
}
