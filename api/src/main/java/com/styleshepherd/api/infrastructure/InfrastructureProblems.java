package com.styleshepherd.api.infrastructure;

import com.styleshepherd.api.problem.ProblemBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vultr gave no inventory: the problem says which call failed and with which status, never Vultr's own text or
 * the key (the log has the text). A refused key or an unusable answer is a 502 (waiting will not help); a rate
 * limit or no answer is a 503 with {@code Retry-After} (Vultr's own when it sent one).
 */
@Singleton
@Produces
final class InfrastructureProblems implements ExceptionHandler<InfrastructureProviderFailure, HttpResponse<?>> {

    static final String REFUSED_KEY = "/problems/infrastructure-provider-refused-key";
    static final String BAD_ANSWER = "/problems/infrastructure-provider-bad-answer";
    static final String UNAVAILABLE = "/problems/infrastructure-provider-unavailable";

    private static final long DEFAULT_WAIT_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(InfrastructureProblems.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, InfrastructureProviderFailure failure) {
        long wait = Math.max(1, failure.retryAfter() != null ? failure.retryAfter().toSeconds() : DEFAULT_WAIT_SECONDS);
        String answered = failure.status() > 0 ? "Vultr answered " + failure.status() + " to " + failure.call()
                : "Vultr did not answer " + failure.call();
        MutableHttpResponse<?> response = switch (failure.reason()) {
            case KEY_REFUSED -> ProblemBody.response(REFUSED_KEY, "The infrastructure provider refused the key",
                    HttpStatus.BAD_GATEWAY, answered + ": check the API key (VULTR_API_KEY), its access, and that "
                            + "this address is on the key's allow list.");
            case UNUSABLE_ANSWER -> ProblemBody.response(BAD_ANSWER,
                    "The infrastructure provider's answer cannot be used", HttpStatus.BAD_GATEWAY, answered + ".");
            case RATE_LIMITED -> ProblemBody.response(UNAVAILABLE, "The infrastructure provider is unavailable",
                    HttpStatus.SERVICE_UNAVAILABLE, answered + " (over its rate limit): try again in "
                            + wait + " s.");
            case UNREACHABLE -> ProblemBody.response(UNAVAILABLE, "The infrastructure provider is unavailable",
                    HttpStatus.SERVICE_UNAVAILABLE, (failure.status() > 0 ? answered : answered + " in time")
                            + ": try again in " + wait + " s.");
        };
        if (response.getStatus() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header("Retry-After", String.valueOf(wait));
        }
        LOG.warn("{} {} answered {}: {} ({})", request.getMethod(), request.getPath(), response.getStatus().getCode(),
                failure.reason(), failure.getMessage());
        return response;
    }
}
