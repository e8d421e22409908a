package com.styleshepherd.api.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Rate limits counted in real Redis: per caller, then per address; 429 problem+json with Retry-After. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Property(name = "styleshepherd.rate-limit.enabled", value = "true")
@Property(name = "styleshepherd.rate-limit.per-user", value = "5")
@Property(name = "styleshepherd.rate-limit.per-ip", value = "20")
@Property(name = "styleshepherd.rate-limit.window", value = "1m")
class RateLimitTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Test
    @Order(1)
    void aCallerOverTheirBudgetGets429WithRetryAfterAndOthersAreNotAffected() {
        String shopper = tokens.shopper("eager-" + UUID.randomUUID());
        for (int i = 0; i < 5; i++) {
            Reply ok = api.get("/api/me/profile", shopper);
            assertEquals(200, ok.status());
            assertEquals(String.valueOf(4 - i), ok.header("RateLimit-Remaining").orElseThrow());
        }

        Reply refused = api.get("/api/me/profile", shopper);

        assertEquals(429, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertTrue(String.valueOf(refused.body().get("detail")).contains("per caller"), refused.body().toString());
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(200, api.get("/api/me/profile", tokens.shopper("patient-" + UUID.randomUUID())).status());
    }

    @Test
    @Order(2)
    void anAddressOverItsBudgetGets429ButStripeWebhooksStillArrive() {
        Reply last = null;
        for (int i = 0; i < 25 && (last == null || last.status() != 429); i++) {
            last = api.get("/api/products?pageSize=1");
        }

        assertEquals(429, last.status(), "the address's budget of 20 ran out");
        assertTrue(String.valueOf(last.body().get("detail")).contains("per client address"), last.body().toString());
        Reply webhook = api.post("/api/webhooks/stripe", null, Map.of("id", "evt_x"), Map.of("Stripe-Signature", "t=1,v1=bad"));
        assertEquals(400, webhook.status(), "webhooks are not limited; this one is refused for its signature");
    }
}
