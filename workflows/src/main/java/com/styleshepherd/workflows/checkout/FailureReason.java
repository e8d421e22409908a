package com.styleshepherd.workflows.checkout;

/** Why a checkout ended {@link CheckoutStatus#CANCELLED} or {@link CheckoutStatus#FAILED}. */
public enum FailureReason {
    /** A product or size in the cart is unknown or no longer sold. */
    PRODUCT_UNAVAILABLE,
    /** Not enough stock for a line when the checkout tried to reserve it. */
    OUT_OF_STOCK,
    /** Declined, and no other payment method arrived within the retry window (or attempts ran out). */
    PAYMENT_DECLINED,
    /** The shopper did not complete 3-D Secure in time. */
    PAYMENT_ACTION_TIMEOUT,
    /** The payment provider kept failing (not a decline). */
    PAYMENT_ERROR,
    /** Ops cancelled the workflow. */
    CANCELLED_BY_OPS,
    /** Anything else: a bug or an outage that outlasted the retries. */
    INTERNAL_ERROR
}
