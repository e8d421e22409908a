package com.styleshepherd.api.limits;

import com.styleshepherd.api.problem.ProblemBody;
import com.styleshepherd.cache.RateLimiter;
import com.styleshepherd.outage.Dependency;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits {@code /api/**} per caller and per client address ({@link RateLimitSettings}), counted in
 * Valkey so that every api instance shares the counts. Over the limit: 429 problem+json with
 * {@code Retry-After}. Allowed responses carry {@code RateLimit-Limit} / {@code RateLimit-Remaining}
 * / {@code RateLimit-Reset} for the caller's budget. Stripe's webhooks are not limited (Stripe
 * retries, and a refused event only arrives later). If Valkey is unreachable, requests pass: the limiter
 * protects the service, it must not take it down.
 */
@ServerFilter("/api/**")
@Requires(property = "styleshepherd.rate-limit.enabled", notEquals = "false")
final class RateLimitFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final String DECISION = "styleshepherd.rate-limit.decision";

    private final RateLimiter limiter;
    private final RateLimitSettings settings;
    private final HttpClientAddressResolver addresses;

    RateLimitFilter(RateLimiter limiter, RateLimitSettings settings, HttpClientAddressResolver addresses) {
        this.limiter = limiter;
        this.settings = settings;
        this.addresses = addresses;
    }

    /** An empty answer lets the request through; a response ends it. */
    @RequestFilter
    CompletionStage<Optional<HttpResponse<?>>> limit(HttpRequest<?> request) {
        if (request.getPath().startsWith("/api/webhooks/")) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String address = addresses.resolve(request);
        CompletionStage<RateLimiter.Decision> byIp = limiter.hit("ip:" + address, settings.perIp(), settings.window());
        CompletionStage<RateLimiter.Decision> byUser = request.getUserPrincipal()
                .map(user -> limiter.hit("user:" + user.getName(), settings.perUser(), settings.window()))
                .orElse(null);
        CompletionStage<RateLimiter.Decision[]> both = byUser == null
                ? byIp.thenApply(ip -> new RateLimiter.Decision[] {ip, null})
                : byIp.thenCombine(byUser, (ip, user) -> new RateLimiter.Decision[] {ip, user});
        return both.<Optional<HttpResponse<?>>>thenApply(decisions -> {
            RateLimiter.Decision ip = decisions[0];
            RateLimiter.Decision user = decisions[1];
            request.setAttribute(DECISION, user != null ? user : ip);
            if (user != null && !user.allowed()) {
                return Optional.of(tooMany(user, "per caller"));
            }
            if (!ip.allowed()) {
                return Optional.of(tooMany(ip, "per client address"));
            }
            return Optional.empty();
        }).exceptionally(unavailable -> {
            if (settings.failOpen()) {
                LOG.warn("Rate limiter unavailable, letting the request through: {}", unavailable.getMessage());
                return Optional.empty();
            }
            LOG.warn("Rate limiter unavailable, refusing the request: {}", unavailable.getMessage());
            return Optional.of(ProblemBody.response(Dependency.CACHE.problemType(), Dependency.CACHE.title(),
                    HttpStatus.SERVICE_UNAVAILABLE, "Requests cannot be counted; try again in 5 s.")
                    .header("Retry-After", "5"));
        });
    }

    @ResponseFilter
    void budget(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION, RateLimiter.Decision.class).ifPresent(decision -> {
            response.header("RateLimit-Limit", String.valueOf(decision.limit()));
            response.header("RateLimit-Remaining", String.valueOf(decision.remaining()));
            response.header("RateLimit-Reset", String.valueOf(seconds(decision)));
        });
    }

    private MutableHttpResponse<?> tooMany(RateLimiter.Decision decision, String scope) {
        return ProblemBody.response(HttpStatus.TOO_MANY_REQUESTS, "More than " + decision.limit() + " requests "
                        + scope + " in " + settings.window() + "; try again in " + seconds(decision) + " s")
                .header("Retry-After", String.valueOf(seconds(decision)));
    }

    private static long seconds(RateLimiter.Decision decision) {
        return Math.max(1, (decision.reset().toMillis() + 999) / 1000);
    }

    /** After authentication (so the caller is known), before the controllers. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 10;
    }
}
