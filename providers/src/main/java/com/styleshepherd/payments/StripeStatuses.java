package com.styleshepherd.payments;

import com.styleshepherd.workflows.checkout.PaymentStatus;

/** Stripe's PaymentIntent statuses in the checkout's words; the simulator speaks Stripe's too. */
final class StripeStatuses {

    private StripeStatuses() {
    }

    /**
     * {@code requires_payment_method} after a confirmation means the card was declined; statuses the
     * checkout never asks for ({@code requires_capture}, {@code requires_confirmation}) count as processing.
     */
    static PaymentStatus of(String stripeStatus) {
        return switch (stripeStatus) {
            case "succeeded" -> PaymentStatus.SUCCEEDED;
            case "requires_action" -> PaymentStatus.REQUIRES_ACTION;
            case "requires_payment_method" -> PaymentStatus.DECLINED;
            case "canceled" -> PaymentStatus.CANCELLED;
            default -> PaymentStatus.PROCESSING;
        };
    }
}
