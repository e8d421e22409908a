package com.styleshepherd.api.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Production refuses to start, naming what is missing, rather than run without a way to verify anything. */
class ProductionSettingsTest {

    @Test
    void refusesToStartWithoutTheIssuerAudienceWebhookSecretOrDatabase() {
        String message = startFailure(ProductionApi.context(Map.of("micronaut.server.port", -1)));
        for (String variable : List.of("OIDC_ISSUER", "OIDC_AUDIENCE", "STRIPE_WEBHOOK_SECRET",
                "DATASOURCES_DEFAULT_URL", "DATASOURCES_DEFAULT_USERNAME", "DATASOURCES_DEFAULT_PASSWORD",
                "STYLESHEPHERD_OBJECT_STORAGE_ENDPOINT", "STYLESHEPHERD_OBJECT_STORAGE_ACCESS_KEY",
                "STYLESHEPHERD_OBJECT_STORAGE_SECRET_KEY")) {
            assertTrue(message.contains(variable), variable + " named in: " + message);
        }
    }

    @Test
    void namesTheOneSettingThatIsMissing() {
        Map<String, Object> settings = new HashMap<>(ProductionApi.settings("https://id.example/realms/shop", Map.of()));
        settings.remove("stripe.webhook-secret");
        String message = startFailure(ProductionApi.context(settings));
        assertTrue(message.contains("STRIPE_WEBHOOK_SECRET") && !message.contains("OIDC_ISSUER"), message);
    }

    @Test
    void refusesToStartInNoEnvironment() {
        String message = startFailure(ApplicationContext.builder().deduceEnvironment(false).deduceCloudEnvironment(false)
                .properties(Map.of("micronaut.server.port", -1)).build());
        assertTrue(message.contains("MICRONAUT_ENVIRONMENTS=prod"), message);
    }

    /** The messages of the start-up failure and its causes. */
    private static String startFailure(ApplicationContext context) {
        Throwable failure = assertThrows(RuntimeException.class, context::start);
        context.close();
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
