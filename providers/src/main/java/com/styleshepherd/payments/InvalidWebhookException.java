package com.styleshepherd.payments;

/** A webhook whose signature does not verify, or whose body is not a Stripe event. */
public class InvalidWebhookException extends RuntimeException {

    public InvalidWebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
