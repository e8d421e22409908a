package com.styleshepherd.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The api's only token validator: a bearer token is accepted when it is a signed JWT whose {@code iss}
 * names a configured {@link TokenSource} and that source verifies it (signature with its own algorithms
 * and keys, audience, expiry, not-before). Unsigned ({@code alg=none}) and encrypted tokens, unknown
 * issuers and every failed check leave the request unauthenticated: 401 on any protected route. With no
 * source configured, no token is accepted.
 *
 * <p>Verification may fetch the issuer's keys, so it runs on the blocking executor, never on the event loop.
 */
@Singleton
final class AccessTokenValidator implements TokenValidator<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenValidator.class);

    private final Map<String, TokenSource> sources = new HashMap<>();
    private final Scheduler blocking;
    private final MeterRegistry meters;

    AccessTokenValidator(List<TokenSource> sources, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            MeterRegistry meters) {
        for (TokenSource source : sources) {
            if (this.sources.put(source.issuer(), source) != null) {
                throw new IllegalStateException("Two token sources for issuer " + source.issuer());
            }
        }
        this.blocking = Schedulers.fromExecutorService(blocking);
        this.meters = meters;
        LOG.info("Access tokens accepted from {}", sources.isEmpty() ? "no issuer (every token is refused)"
                : this.sources.keySet());
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return Mono.fromCallable(() -> authenticate(token).orElse(null)).subscribeOn(blocking);
    }

    Optional<Authentication> authenticate(String token) {
        SignedJWT signed;
        String issuer;
        try {
            JWT jwt = JWTParser.parse(token);
            if (!(jwt instanceof SignedJWT s)) {
                return refuse("unsigned", "Refused a token that is not signed (" + jwt.getHeader().getAlgorithm() + ")");
            }
            signed = s;
            // Read before verification only to choose whose keys verify it; the source checks the issuer again.
            issuer = signed.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            return refuse("malformed", "Refused a token that is not a JWT");
        }
        TokenSource source = issuer == null ? null : sources.get(issuer);
        if (source == null) {
            return refuse("unknown-issuer", "Refused a token from unknown issuer " + issuer);
        }
        JWTClaimsSet claims;
        try {
            claims = source.verify(signed);
        } catch (BadJOSEException | JOSEException e) {
            return refuse("invalid", "Refused a token from " + issuer + ": " + e.getMessage());
        }
        meters.counter("styleshepherd.auth.tokens", "outcome", "accepted").increment();
        return Optional.of(Authentication.build(claims.getSubject(), source.roles(claims), Map.of("iss", issuer)));
    }

    private Optional<Authentication> refuse(String reason, String message) {
        meters.counter("styleshepherd.auth.tokens", "outcome", reason).increment();
        LOG.debug(message);
        return Optional.empty();
    }
}
