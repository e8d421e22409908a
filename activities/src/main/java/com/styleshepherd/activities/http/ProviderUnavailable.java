package com.styleshepherd.activities.http;

/**
 * A paid provider (chat model, ElevenLabs) could not answer: every retry failed ({@link #retryable()}), or
 * the request was refused (a 4xx other than 429), which no retry would change.
 */
public final class ProviderUnavailable extends RuntimeException {

    private final boolean retryable;

    public ProviderUnavailable(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
