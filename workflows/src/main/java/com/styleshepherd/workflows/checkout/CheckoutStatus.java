package com.styleshepherd.workflows.checkout;

/**
 * Where a checkout is. The workflow holds it; the {@code checkouts} table mirrors it for listing.
 */
public enum CheckoutStatus {
    /** Accepted; the cart is being priced. */
    PENDING,
    /** Priced and scored for return risk. */
    RISK_REVIEWED,
    /** Stock held for the cart until the hold expires. */
    STOCK_RESERVED,
    /** The card needs the shopper (3-D Secure); waiting for the payment provider's webhook. */
    PAYMENT_ACTION_REQUIRED,
    /** The card was declined; waiting (bounded) for another payment method. */
    PAYMENT_DECLINED,
    /** Paid and the order exists. */
    COMPLETED,
    /** Stopped for a business reason (see {@link FailureReason}); stock released, payment voided. */
    CANCELLED,
    /** Stopped by an unexpected error; compensations ran. Ops may retry it. */
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
