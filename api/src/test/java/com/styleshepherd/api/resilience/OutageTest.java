package com.styleshepherd.api.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.security.DevTokens;
import com.styleshepherd.devstack.EmbeddedPostgresServer;
import com.styleshepherd.devstack.EmbeddedRedisServer;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A server with its own PostgreSQL and Valkey, which the test stops in turn (Valkey first, then
 * PostgreSQL), with rate limiting on as in production. While Valkey is down the catalog, profiles and
 * orders keep serving from PostgreSQL and what lives only in Valkey answers 503; while PostgreSQL is
 * down, requests answer 503 with {@code Retry-After}. No answer waits long, none is a bare 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutageTest {

    /**
     * Not a hang: a dependency that is down is answered within its timeouts (under 2 s; the figures are in
     * docs/reliability.md), while a hang lasts as long as the outage.
     */
    private static final Duration QUICK = Duration.ofSeconds(5);

    private EmbeddedRedisServer redis;
    private EmbeddedPostgresServer postgres;
    private EmbeddedServer server;
    private Api api;
    private String shopper;
    private final String shopperId = "outage-" + UUID.randomUUID();

    @BeforeAll
    void start() {
        redis = EmbeddedRedisServer.start();
        postgres = EmbeddedPostgresServer.start();
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.properties());
        properties.put("redis.uri", redis.uri());
        properties.put("datasources.default.url", postgres.jdbcUrl("postgres"));
        properties.put("datasources.default.username", EmbeddedPostgresServer.USER);
        properties.put("datasources.default.password", EmbeddedPostgresServer.PASSWORD);
        properties.put("styleshepherd.rate-limit.enabled", true);
        server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        api = Api.of(server);
        Tokens tokens = new Tokens(server.getApplicationContext().getBean(DevTokens.class));
        shopper = tokens.shopper(shopperId);
        Reply product = api.put("/api/ops/products/OUTAGE-1", tokens.ops("ops1"), Map.of("name", "Outage Scarf",
                "description", "Wool scarf", "category", "accessories", "price", "20.00", "currency", "USD",
                "sizes", List.of(Map.of("size", "M", "stock", 3))));
        assertTrue(product.status() == 201 || product.status() == 200, product::toString);
        assertEquals(200, api.put("/api/me/profile", shopper, Map.of("measurements", Map.of("heightCm", 170)))
                .status());
    }

    @AfterAll
    void stop() {
        api.close();
        server.close();
        redis.close();
        postgres.close();
    }

    @Test
    @Order(1)
    void whileValkeyIsDownTheCatalogProfilesAndOrdersServeFromPostgres() {
        redis.stop();

        Reply catalog = quickly(() -> api.get("/api/products?q=scarf&category=accessories"));
        assertEquals(200, catalog.status(), catalog::toString);
        assertEquals(List.of("OUTAGE-1"), catalog.items().stream().map(p -> p.get("sku")).toList());
        Reply profile = quickly(() -> api.get("/api/me/profile", shopper));
        assertEquals(200, profile.status(), profile::toString);
        assertEquals(170, ((Number) ((Map<?, ?>) profile.body().get("measurements")).get("heightCm")).intValue());
        assertEquals(200, quickly(() -> api.get("/api/orders", shopper)).status());
    }

    @Test
    @Order(2)
    void whileValkeyIsDownAConversationCannotStartAndLeavesNothingBehind() {
        Reply started = quickly(() -> api.post("/api/conversations", shopper, Map.of()));

        assertUnavailable(started, "/problems/cache-unavailable");
        Reply listed = api.get("/api/conversations", shopper);
        assertEquals(200, listed.status(), listed::toString);
        assertEquals(List.of(), listed.items(), "no conversation is left behind");
    }

    @Test
    @Order(3)
    void whileValkeyIsDownHealthSaysSoAtOnce() {
        assertEquals(503, quickly(() -> api.get("/health")).status());
    }

    @Test
    @Order(4)
    void whilePostgresIsDownRequestsAnswer503WithRetryAfter() {
        postgres.close();

        assertUnavailable(quickly(() -> api.get("/api/orders", shopper)), "/problems/database-unavailable");
        assertUnavailable(quickly(() -> api.get("/api/products/1")), "/problems/database-unavailable");
        assertEquals(503, quickly(() -> api.get("/health")).status());
    }

    private static void assertUnavailable(Reply reply, String type) {
        assertEquals(503, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals(type, reply.body().get("type"), reply::toString);
        assertTrue(reply.header("Retry-After").isPresent(), "Retry-After");
        assertTrue(List.of("type", "title", "status", "detail").containsAll(reply.body().keySet()),
                "problem members only: " + reply.body());
    }

    private static Reply quickly(Supplier<Reply> call) {
        long began = System.nanoTime();
        Reply reply = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertTrue(took.compareTo(QUICK) <= 0, "answered in " + took.toMillis() + " ms: " + reply);
        return reply;
    }
}
