package com.styleshepherd.api.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * The production token source: access tokens from an OpenID Connect provider, from
 * {@code styleshepherd.security.oidc.*} (environment {@code OIDC_ISSUER}, {@code OIDC_AUDIENCE}, ...; see
 * {@code application.yml}). Off while {@code issuer} is unset.
 *
 * @param issuer the provider's issuer URL; its discovery document ({@code /.well-known/openid-configuration})
 *     names the JWKS, and a token's {@code iss} must equal it exactly
 * @param audience what a token's {@code aud} must contain (the API identifier registered at the provider)
 * @param algorithms the signature algorithms accepted from this provider's keys (asymmetric only)
 * @param rolesClaim the claim that holds the roles: a top-level name, or a dotted path into nested objects
 *     ({@code realm_access.roles}) when no top-level claim has that name
 * @param roleMap {@code provider-role=api-role} pairs ({@code styleshepherd-admin=ops}); empty: the claim's
 *     values are taken as they are. Only {@code shopper} and {@code ops} are ever granted.
 * @param defaultRoles granted when the token carries none of the API's roles (a signed-in customer is a shopper)
 * @param jwksCacheTtl how long fetched keys are used before they are fetched again
 * @param jwksRefreshInterval the least time between two fetches of the JWKS, also when a token names a key
 *     the cached set lacks (key rotation): a flood of unknown {@code kid}s cannot flood the provider
 * @param httpTimeout connect and read timeout for the discovery document and the JWKS
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 */
@ConfigurationProperties("styleshepherd.security.oidc")
public record OidcSettings(
        @Nullable String issuer,
        @Nullable String audience,
        @Bindable(defaultValue = "RS256,ES256") List<String> algorithms,
        @Bindable(defaultValue = "roles") String rolesClaim,
        @Nullable List<String> roleMap,
        @Bindable(defaultValue = "shopper") List<String> defaultRoles,
        @Bindable(defaultValue = "10m") Duration jwksCacheTtl,
        @Bindable(defaultValue = "30s") Duration jwksRefreshInterval,
        @Bindable(defaultValue = "2s") Duration httpTimeout,
        @Bindable(defaultValue = "30s") Duration clockSkew) {

    public boolean configured() {
        return issuer != null && !issuer.isBlank();
    }
}
