package com.styleshepherd.providers;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this service calls a paid HTTP provider (the chat model, ElevenLabs): each request has a timeout;
 * network errors, 429 and 5xx are retried with exponential backoff and full jitter (resilience4j); any
 * other 4xx is the request's fault and is never retried; a client-side rate limiter keeps the process
 * under the provider's quota.
 */
public final class ProviderHttp {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderHttp.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final String provider;
    private final Duration timeout;
    private final HttpClient http;
    private final Retry retry;
    private final RateLimiter rateLimiter;
    private final Function<byte[], String> errorMessage;

    /**
     * @param provider named in logs and errors
     * @param timeout per request (and the longest wait for a rate-limit permit)
     * @param maxAttempts attempts per call, the first included
     * @param initialBackoff the first retry's mean wait; doubled each retry, with full jitter
     * @param requestsPerSecond the client-side rate limit of this process
     * @param errorMessage the provider's error text from an error body (may throw on an unreadable one)
     */
    public ProviderHttp(String provider, Duration timeout, int maxAttempts, Duration initialBackoff,
            int requestsPerSecond, Function<byte[], String> errorMessage) {
        this.provider = provider;
        this.timeout = timeout;
        this.errorMessage = errorMessage;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.retry = Retry.of(provider, RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 1.0, MAX_BACKOFF))
                .retryOnException(ProviderHttp::retryable)
                .failAfterMaxAttempts(true)
                .build());
        this.rateLimiter = RateLimiter.of(provider, RateLimiterConfig.custom()
                .limitForPeriod(requestsPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(timeout)
                .build());
    }

    /**
     * Sends the request (built anew for each attempt) and returns the body of its 2xx answer.
     *
     * @throws ProviderUnavailable when every attempt failed, or the request was refused (4xx)
     */
    public byte[] send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(timeout).build();
        try {
            return Retry.decorateCheckedSupplier(retry, () -> {
                RateLimiter.waitForPermission(rateLimiter);
                return attempt(built);
            }).get();
        } catch (ProviderUnavailable e) {
            throw e;
        } catch (RequestNotPermitted e) {
            throw new ProviderUnavailable(provider + ": client-side rate limit, no permit within " + timeout, false, e);
        } catch (Throwable e) {
            throw new ProviderUnavailable(provider + ": " + e.getMessage(), true, e);
        }
    }

    private byte[] attempt(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            LOG.warn("{} answered {}: will retry", provider, status);
            throw new ProviderUnavailable(provider + " answered " + status + ": " + message(response.body()), true,
                    status, retryAfter(response), null);
        }
        if (status >= 400) {
            throw new ProviderUnavailable(provider + " refused the request (" + status + "): " + message(response.body()),
                    false, status, null, null);
        }
        return response.body();
    }

    /** The provider's {@code Retry-After} in seconds (the HTTP-date form is not used by the providers called). */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(value -> value.strip().matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())))
                .orElse(null);
    }

    private String message(byte[] body) {
        try {
            String message = errorMessage.apply(body);
            return message != null ? message : "no message";
        } catch (RuntimeException unreadable) {
            return new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        }
    }

    private static boolean retryable(Throwable failure) {
        if (failure instanceof ProviderUnavailable unavailable) {
            return unavailable.retryable();
        }
        return failure instanceof IOException || failure instanceof UncheckedIOException;
    }
}
