package com.styleshepherd.api.infrastructure;

import java.time.Duration;

/**
 * The infrastructure provider gave no inventory. The message is for the log (it may hold the provider's own
 * text); the client gets {@link #reason()}'s problem, the status Vultr answered and the path called, and
 * {@link #retryAfter()} when waiting would help.
 */
final class InfrastructureProviderFailure extends RuntimeException {

    /** Why, as ops should read it. */
    enum Reason {
        /** 401 or 403: the key is wrong, revoked, or lacks access (or this address is not on its allow list). */
        KEY_REFUSED,
        /** 429: over Vultr's rate limit. */
        RATE_LIMITED,
        /** No answer in time, a network error or a 5xx. */
        UNREACHABLE,
        /** Another 4xx, or an answer that is not the JSON Vultr documents. */
        UNUSABLE_ANSWER
    }

    private final Reason reason;
    private final String call;
    private final int status;
    private final Duration retryAfter;

    /**
     * @param call the method and path called ({@code GET /databases}), without query or key
     * @param status Vultr's HTTP status, 0 when it did not answer
     * @param retryAfter how long to wait before asking again; null when waiting would not help
     */
    InfrastructureProviderFailure(Reason reason, String call, int status, Duration retryAfter, String message,
            Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.call = call;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    Reason reason() {
        return reason;
    }

    String call() {
        return call;
    }

    int status() {
        return status;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
