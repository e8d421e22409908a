package com.styleshepherd.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** Access tokens for tests: signed with the server's key, or deliberately with another one. */
public final class Tokens {

    private final TokenGenerator generator;

    public Tokens(TokenGenerator generator) {
        this.generator = generator;
    }

    public String shopper(String userId) {
        return generator.generateToken(Authentication.build(userId, Set.of("shopper")), 600).orElseThrow();
    }

    public String ops(String userId) {
        return generator.generateToken(Authentication.build(userId, Set.of("ops")), 600).orElseThrow();
    }

    /** A well-formed, unexpired token with the ops role, signed with a key the server does not trust. */
    public static String signedWithAnotherKey(String userId) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
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
