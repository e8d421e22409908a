package com.styleshepherd.api;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses to start the api in production without what it cannot run safely without: the OIDC issuer and
 * audience (no token could be verified), the Stripe webhook secret (no payment event could be trusted) and
 * the database and object storage settings. Every missing setting is named in one message, with its
 * environment variable.
 *
 * <p>The api runs in exactly one of {@code prod}, {@code dev} (the local stack) or {@code test}; started in
 * none of them, or in {@code prod} together with another, it refuses too, so that no half-configured
 * process (no token source, public metrics) can come up by accident.
 */
@Context
@Requires(notEnv = {"dev", "test"})
final class ProductionSettings {

    static final String PROD = "prod";

    /** Each required setting, with the environment variable that sets it. */
    private static final Map<String, String> REQUIRED = requiredSettings();

    ProductionSettings(Environment environment) {
        check(environment);
    }

    static void check(Environment environment) {
        Set<String> active = environment.getActiveNames();
        if (!active.contains(PROD)) {
            throw new ConfigurationException("The api runs with MICRONAUT_ENVIRONMENTS=prod in production (or dev for "
                    + "the local stack); active environments are " + active);
        }
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach((property, variable) -> {
            String value = environment.getProperty(property, String.class).orElse("");
            if (value.isBlank()) {
                missing.add(variable + " (" + property + ")");
            }
        });
        if (!missing.isEmpty()) {
            throw new ConfigurationException("Production settings missing: " + String.join(", ", missing)
                    + ". The api does not start without them (see docs/deployment.md#secrets).");
        }
    }

    private static Map<String, String> requiredSettings() {
        Map<String, String> required = new LinkedHashMap<>();
        required.put("styleshepherd.security.oidc.issuer", "OIDC_ISSUER");
        required.put("styleshepherd.security.oidc.audience", "OIDC_AUDIENCE");
        required.put("stripe.webhook-secret", "STRIPE_WEBHOOK_SECRET");
        required.put("datasources.default.url", "DATASOURCES_DEFAULT_URL");
        required.put("datasources.default.username", "DATASOURCES_DEFAULT_USERNAME");
        required.put("datasources.default.password", "DATASOURCES_DEFAULT_PASSWORD");
        // Product pictures: without these the api would talk to the dev stack's local defaults and answer 503.
        required.put("styleshepherd.object-storage.endpoint", "STYLESHEPHERD_OBJECT_STORAGE_ENDPOINT");
        required.put("styleshepherd.object-storage.access-key", "STYLESHEPHERD_OBJECT_STORAGE_ACCESS_KEY");
        required.put("styleshepherd.object-storage.secret-key", "STYLESHEPHERD_OBJECT_STORAGE_SECRET_KEY");
        return required;
    }
}
