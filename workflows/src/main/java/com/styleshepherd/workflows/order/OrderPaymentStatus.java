package com.styleshepherd.workflows.order;

/** What happened to the order's money after it was taken (mirrored on {@code orders.payment_status}). */
public enum OrderPaymentStatus {
    SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED,
    /** The provider refused a refund: ops must look (the order says so until a refund succeeds). */
    REFUND_FAILED
}
