package com.styleshepherd.store.orders;

/** A refund that cannot be made: more than is left of what was captured, or refused before. Nothing was written. */
public final class RefundRefused extends RuntimeException {

    RefundRefused(String message) {
        super(message, null, false, false);
    }
}
