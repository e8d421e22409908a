package com.styleshepherd.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production's token source: an OpenID Connect provider ({@link OidcSettings}). Its discovery document is
 * read on first use (and tried once at start-up), and names the JWKS; the keys are cached for
 * {@code jwks-cache-ttl} and fetched again when a token names a key id the cache lacks (the provider
 * rotated its keys), at most once per {@code jwks-refresh-interval}. Only the configured asymmetric
 * algorithms are accepted, so a token signed with HMAC using the provider's public key as the secret is
 * refused, as is every unsigned token.
 */
@Singleton
@Requires(property = "styleshepherd.security.oidc.issuer", pattern = ".+")
final class OidcTokenSource implements TokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(OidcTokenSource.class);
    private static final Set<JWSAlgorithm> ASYMMETRIC = new LinkedHashSet<>(JWSAlgorithm.Family.SIGNATURE);
    /** Access tokens say "at+jwt" (RFC 9068), "JWT", or nothing. */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES = new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null);
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;

    private final OidcSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final RoleClaims roles;
    private final DiscoveredKeys keys;

    OidcTokenSource(OidcSettings settings, JsonMapper json) {
        if (settings.audience() == null || settings.audience().isBlank()) {
            throw new IllegalArgumentException("styleshepherd.security.oidc.audience (OIDC_AUDIENCE) must be set with "
                    + "the issuer: a token for another API of the same provider must not be accepted here");
        }
        this.settings = settings;
        this.roles = new RoleClaims(settings.rolesClaim(), settings.roleMap(), settings.defaultRoles());
        int timeout = Math.toIntExact(settings.httpTimeout().toMillis());
        this.keys = new DiscoveredKeys(settings, json, new DefaultResourceRetriever(timeout, timeout, MAX_DOCUMENT_BYTES));
        processor.setJWSTypeVerifier(TYPES);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms(settings.algorithms()), keys));
        // Mutable sets: Nimbus asks them whether they contain null, which Set.of answers with an exception.
        var claims = new DefaultJWTClaimsVerifier<>(new HashSet<>(Set.of(settings.audience())),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), new HashSet<>(Set.of("sub", "exp")),
                new HashSet<>());
        claims.setMaxClockSkew(Math.toIntExact(settings.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    @Override
    public String issuer() {
        return settings.issuer();
    }

    @Override
    public JWTClaimsSet verify(SignedJWT token) throws BadJOSEException, JOSEException {
        return processor.process(token, null);
    }

    @Override
    public Set<String> roles(JWTClaimsSet claims) {
        return roles.roles(claims);
    }

    /** Reads the discovery document once the server is up, so the first request does not wait for it. */
    @EventListener
    void onStartup(StartupEvent event) {
        Thread.ofVirtual().name("oidc-discovery").start(() -> {
            try {
                keys.source();
            } catch (KeySourceException e) {
                LOG.warn("OIDC issuer {} cannot be read yet ({}); tokens are refused until it can", settings.issuer(),
                        e.getMessage());
            }
        });
    }

    private static Set<JWSAlgorithm> algorithms(List<String> names) {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : names) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name.trim());
            if (!ASYMMETRIC.contains(algorithm)) {
                throw new IllegalArgumentException("styleshepherd.security.oidc.algorithms: " + name
                        + " is not an asymmetric signature algorithm (one of " + ASYMMETRIC + ")");
            }
            algorithms.add(algorithm);
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("styleshepherd.security.oidc.algorithms must name at least one algorithm");
        }
        return algorithms;
    }

    /**
     * The provider's keys, found through its discovery document on first use. A failed discovery is tried
     * again on a later token, but not more often than every few seconds.
     */
    static final class DiscoveredKeys implements JWKSource<SecurityContext> {

        private static final long RETRY_DISCOVERY_NANOS = 5_000_000_000L;

        private final OidcSettings settings;
        private final JsonMapper json;
        private final ResourceRetriever http;
        private volatile JWKSource<SecurityContext> source;
        private long nextDiscoveryNanos = System.nanoTime();

        DiscoveredKeys(OidcSettings settings, JsonMapper json, ResourceRetriever http) {
            this.settings = settings;
            this.json = json;
            this.http = http;
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            return source().get(selector, context);
        }

        JWKSource<SecurityContext> source() throws KeySourceException {
            JWKSource<SecurityContext> found = source;
            if (found != null) {
                return found;
            }
            synchronized (this) {
                if (source != null) {
                    return source;
                }
                long now = System.nanoTime();
                if (now - nextDiscoveryNanos < 0) {
                    throw new KeySourceException("The OIDC discovery document failed moments ago; not asked again yet");
                }
                nextDiscoveryNanos = now + RETRY_DISCOVERY_NANOS;
                URL jwks = discoverJwksUri();
                source = JWKSourceBuilder.<SecurityContext>create(jwks, http)
                        .cache(settings.jwksCacheTtl().toMillis(), settings.httpTimeout().toMillis())
                        .rateLimited(settings.jwksRefreshInterval().toMillis())
                        .refreshAheadCache(false)
                        .retrying(false)
                        .build();
                LOG.info("OIDC issuer {}: keys from {}", settings.issuer(), jwks);
                return source;
            }
        }

        private URL discoverJwksUri() throws KeySourceException {
            String issuer = settings.issuer();
            String location = (issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/openid-configuration";
            Map<String, Object> document;
            try {
                String body = http.retrieveResource(URI.create(location).toURL()).getContent();
                document = json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException | RuntimeException e) {
                throw new KeySourceException("Cannot read the OIDC discovery document " + location + ": " + e.getMessage(), e);
            }
            // OpenID Connect Discovery 1.0, section 4.3: the document's issuer must be the one asked for.
            if (!issuer.equals(document.get("issuer"))) {
                throw new KeySourceException("The discovery document at " + location + " names issuer "
                        + document.get("issuer") + ", not " + issuer);
            }
            if (!(document.get("jwks_uri") instanceof String jwksUri)) {
                throw new KeySourceException("The discovery document at " + location + " has no jwks_uri");
            }
            URI uri = URI.create(jwksUri);
            if (issuer.startsWith("https:") && !"https".equals(uri.getScheme())) {
                throw new KeySourceException("The JWKS of an https issuer must be served over https, not " + jwksUri);
            }
            try {
                return uri.toURL();
            } catch (IOException | IllegalArgumentException e) {
                throw new KeySourceException("jwks_uri " + jwksUri + " is not a URL", e);
            }
        }
    }
}
