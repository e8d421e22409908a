package com.styleshepherd.workflows.order;

/** Failure types an order's activities throw, for the workflow to tell apart. */
public final class OrderFailures {

    /** The payment provider refused the refund outright; retrying cannot help. */
    public static final String REFUND_REFUSED = "RefundRefused";

    private OrderFailures() {
    }
}
