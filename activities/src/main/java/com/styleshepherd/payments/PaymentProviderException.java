package com.styleshepherd.payments;

/** The provider failed to answer a payment call (not a decline: a decline is an outcome). */
public class PaymentProviderException extends RuntimeException {

    private final boolean retryable;

    public PaymentProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether the same call may succeed later (network, rate limit, provider outage). */
    public boolean retryable() {
        return retryable;
    }
}
