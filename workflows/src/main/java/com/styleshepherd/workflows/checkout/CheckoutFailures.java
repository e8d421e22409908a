package com.styleshepherd.workflows.checkout;

/**
 * Failure types: activities throw non-retryable {@code ApplicationFailure}s of the first kind; a
 * checkout run that did not complete ends with one of the last two, so ops see it as failed in the
 * Temporal UI and the id-reuse policy lets them retry it.
 */
public final class CheckoutFailures {

    /** Not enough stock for a line; nothing was reserved. */
    public static final String OUT_OF_STOCK = "OutOfStock";
    /** A product or size in the cart is unknown or no longer sold. */
    public static final String PRODUCT_UNAVAILABLE = "ProductUnavailable";
    /** The run ended CANCELLED; details carry the {@link CheckoutState}. */
    public static final String CHECKOUT_CANCELLED = "CheckoutCancelled";
    /** The run ended FAILED; details carry the {@link CheckoutState}. */
    public static final String CHECKOUT_FAILED = "CheckoutFailed";

    private CheckoutFailures() {
    }
}
