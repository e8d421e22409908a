package com.styleshepherd.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.styleshepherd.api.security.DevTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** Access tokens for tests: from the test context's dev token source, or deliberately signed with another key. */
public final class Tokens {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final DevTokens source;

    public Tokens(DevTokens source) {
        this.source = source;
    }

    public String shopper(String userId) {
        return source.issue(userId, Set.of("shopper"), LIFETIME);
    }

    public String ops(String userId) {
        return source.issue(userId, Set.of("ops"), LIFETIME);
    }

    /** A well-formed, unexpired token with the ops role, signed with a key the server does not trust. */
    public static String signedWithAnotherKey(String userId) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .issuer(DevTokens.ISSUER)
                    .audience(DevTokens.AUDIENCE)
                    .subject(userId)
                    .claim("roles", List.of("ops"))
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                    .build());
            jwt.sign(new MACSigner("another-secret-that-is-also-at-least-256-bits-long-987654"));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
