package com.styleshepherd.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The local token source of the dev stack and the tests: HS256 tokens signed with
 * {@code styleshepherd.security.dev-tokens.secret}, issued by {@code POST /api/dev/token}. The bean exists
 * only in the {@code dev} and {@code test} environments and never in {@code prod}, whatever is configured,
 * so production never trusts a shared secret.
 */
@Singleton
@Requires(env = {"dev", "test"})
@Requires(notEnv = "prod")
@Requires(property = DevTokens.SECRET_PROPERTY)
public final class DevTokens implements TokenSource {

    public static final String SECRET_PROPERTY = "styleshepherd.security.dev-tokens.secret";
    public static final String ISSUER = "style-shepherd-dev";
    public static final String AUDIENCE = "style-shepherd-api";
    private static final int MIN_SECRET_BYTES = 32;

    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final RoleClaims roles = new RoleClaims("roles", List.of(), List.of());

    DevTokens(@Property(name = SECRET_PROPERTY) String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(SECRET_PROPERTY + " must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(SECRET_PROPERTY + " is not a usable HMAC key", e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(Set.of(AUDIENCE)),
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), new HashSet<>(Set.of("sub", "exp")), new HashSet<>()));
    }

    /** A signed access token for this user and roles, valid for {@code lifetime}. */
    public String issue(String userId, Set<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .claim("roles", List.copyOf(roles))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a dev token", e);
        }
        return jwt.serialize();
    }

    @Override
    public String issuer() {
        return ISSUER;
    }

    @Override
    public JWTClaimsSet verify(SignedJWT token) throws BadJOSEException, JOSEException {
        return processor.process(token, null);
    }

    @Override
    public Set<String> roles(JWTClaimsSet claims) {
        return roles.roles(claims);
    }
}
