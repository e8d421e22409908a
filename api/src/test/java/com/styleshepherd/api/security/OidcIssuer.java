package com.styleshepherd.api.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A local OpenID Connect provider: WireMock serves the discovery document and a JWKS (RS256 keys made
 * for the test), and tokens are signed as the provider would sign them. {@link #rotate()} replaces the
 * signing key as a provider's key rotation does.
 */
public final class OidcIssuer implements AutoCloseable {

    public static final String AUDIENCE = "https://api.styleshepherd.test";
    private static final String REALM = "/realms/shop";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private RSAKey signingKey;

    public OidcIssuer() {
        server.start();
        signingKey = newKey();
        server.stubFor(get(urlEqualTo(REALM + "/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"issuer":"%s","jwks_uri":"%s/protocol/openid-connect/certs",
                         "authorization_endpoint":"%s/protocol/openid-connect/auth",
                         "token_endpoint":"%s/protocol/openid-connect/token",
                         "id_token_signing_alg_values_supported":["RS256"],
                         "response_types_supported":["code"],"subject_types_supported":["public"]}"""
                        .formatted(issuer(), issuer(), issuer(), issuer()))));
        publish(signingKey);
    }

    public String issuer() {
        return server.baseUrl() + REALM;
    }

    public RSAKey signingKey() {
        return signingKey;
    }

    /** A token as the provider issues it: RS256 with its current key, this audience, ten minutes. */
    public String token(String subject, List<String> roles) {
        return sign(signingKey, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims(subject, roles).build());
    }

    /** A token signed with the current key after {@code edit} changed its claims. */
    public String token(String subject, List<String> roles, UnaryOperator<JWTClaimsSet.Builder> edit) {
        return sign(signingKey, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                edit.apply(claims(subject, roles)).build());
    }

    public JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(AUDIENCE)
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** The provider rotates: a new signing key, and the JWKS lists only the new one. */
    public void rotate() {
        signingKey = newKey();
        publish(signingKey);
    }

    public int jwksRequests() {
        return server.countRequestsMatching(getRequestedFor(urlEqualTo(REALM + "/protocol/openid-connect/certs"))
                .build()).getCount();
    }

    public int discoveryRequests() {
        return server.countRequestsMatching(getRequestedFor(urlEqualTo(REALM + "/.well-known/openid-configuration"))
                .build()).getCount();
    }

    public static String sign(RSAKey key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(RSAKey key) {
        server.stubFor(get(urlEqualTo(REALM + "/protocol/openid-connect/certs")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(key.toPublicJWK()).toString())));
    }

    @Override
    public void close() {
        server.stop();
    }
}
