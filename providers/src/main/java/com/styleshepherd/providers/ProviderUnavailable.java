package com.styleshepherd.providers;

/**
 * A paid provider (chat model, ElevenLabs, the payment provider) could not answer: the same call may
 * succeed later ({@link #retryable()}: network, rate limit, outage), or the request was refused (a 4xx
 * other than 429), which no retry would change.
 */
public class ProviderUnavailable extends RuntimeException {

    private final boolean retryable;

    public ProviderUnavailable(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
