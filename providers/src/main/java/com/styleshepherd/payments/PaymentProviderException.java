package com.styleshepherd.payments;

import com.styleshepherd.providers.ProviderUnavailable;

/** The payment provider failed to answer a payment call (not a decline: a decline is an outcome). */
public class PaymentProviderException extends ProviderUnavailable {

    public PaymentProviderException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }
}
