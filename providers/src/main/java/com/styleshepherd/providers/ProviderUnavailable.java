package com.styleshepherd.providers;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A paid provider (chat model, ElevenLabs, the payment provider) could not answer: the same call may
 * succeed later ({@link #retryable()}: network, rate limit, outage), or the request was refused (a 4xx
 * other than 429), which no retry would change. When the provider answered, {@link #status()} is its HTTP status
 * and {@link #retryAfter()} the wait its {@code Retry-After} asked for, so a caller can tell a refused key
 * (401, 403) from a rate limit (429) without reading the provider's text.
 */
public class ProviderUnavailable extends RuntimeException {

    private final boolean retryable;
    private final int status;
    private final Duration retryAfter;

    public ProviderUnavailable(String message, boolean retryable, Throwable cause) {
        this(message, retryable, 0, null, cause);
    }

    /**
     * @param status the provider's HTTP status, 0 when it did not answer
     * @param retryAfter the provider's {@code Retry-After}, null when it sent none
     */
    public ProviderUnavailable(String message, boolean retryable, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The provider's HTTP status, empty when it did not answer (network error, timeout, rate-limit permit). */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** How long the provider asked to wait ({@code Retry-After} in seconds), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean retryable() {
        return retryable;
    }
}
