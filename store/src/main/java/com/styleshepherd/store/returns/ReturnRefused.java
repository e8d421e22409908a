package com.styleshepherd.store.returns;

/** Why a return was not recorded; nothing was written. */
public final class ReturnRefused extends RuntimeException {

    /** What was wrong, so the caller can answer with the right status and field. */
    public enum Why {
        /** No such order, or not the caller's. */
        ORDER_NOT_FOUND,
        /** The order has no such line. */
        LINE_NOT_FOUND,
        /** The order has not been delivered yet (or was cancelled or refunded). */
        NOT_DELIVERED,
        /** The line already has a return. */
        ALREADY_RETURNED,
        /** More units than the line holds. */
        TOO_MANY_UNITS
    }

    private final Why why;

    ReturnRefused(Why why, String message) {
        super(message, null, false, false);
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
