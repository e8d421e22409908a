package com.styleshepherd.api.health;

import static com.styleshepherd.api.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.security.DevTokens;
import com.styleshepherd.devstack.EmbeddedRedisServer;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code /health} and {@code /prometheus} of a server with its own Redis, which the test then stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthTest {

    private EmbeddedRedisServer redis;
    private EmbeddedServer server;
    private Api api;

    @BeforeAll
    void start() {
        redis = EmbeddedRedisServer.start();
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.properties());
        properties.put("redis.uri", redis.uri());
        properties.put("temporal.metrics-report-interval", "100ms");
        server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        api = Api.of(server);
    }

    @AfterAll
    void stop() {
        api.close();
        server.close();
        redis.close();
    }

    @Test
    @Order(1)
    void isUpWithPostgresRedisAndTemporalWhenAllAnswer() {
        Reply health = api.get("/health");
        assertEquals(200, health.status(), health::toString);
        assertEquals("UP", health.body().get("status"));
        assertEquals(null, health.body().get("details"), "details are for ops only");
        assertEquals(401, api.get("/api/ops/health").status());
        assertEquals(403, api.get("/api/ops/health", tokens().shopper("nosy")).status());

        Reply forOps = api.get("/api/ops/health", tokens().ops("ops1"));
        assertEquals(200, forOps.status(), forOps::toString);
        Map<?, ?> details = (Map<?, ?>) forOps.body().get("details");
        for (String indicator : new String[] {"jdbc", "redis", "temporal"}) {
            assertEquals("UP", ((Map<?, ?>) details.get(indicator)).get("status"), indicator + ": " + details);
        }
    }

    @Test
    @Order(2)
    void exportsTemporalSdkAndJvmMetricsForPrometheus() throws InterruptedException {
        String metrics = api.text("/prometheus");
        for (int attempt = 0; attempt < 50 && !metrics.contains("temporal_request_total"); attempt++) {
            Thread.sleep(100);
            metrics = api.text("/prometheus");
        }
        assertTrue(metrics.contains("temporal_request_total"), "Temporal SDK metrics");
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics");
        assertTrue(metrics.contains("hikaricp_connections"), "connection pool metrics");
    }

    @Test
    @Order(2)
    void exportsTheCacheHitRate() {
        String shopper = tokens().shopper("metered-" + UUID.randomUUID());
        api.get("/api/me/profile", shopper);
        api.get("/api/me/profile", shopper);

        String metrics = api.text("/prometheus");

        assertTrue(metrics.contains("cache_gets_total{cache=\"profiles\",result=\"miss\"}"), "cache misses");
        assertTrue(metrics.contains("cache_gets_total{cache=\"profiles\",result=\"hit\"}"), "cache hits");
    }

    @Test
    @Order(3)
    void isDownWith503WhenRedisStops() {
        redis.stop();
        // Probes answer from the checks of the last second (CachedHealthIndicators): a later one says DOWN.
        Reply health = await(() -> api.get("/health"), reply -> reply.status() == 503);
        assertEquals(503, health.status(), health::toString);
        assertEquals("DOWN", health.body().get("status"));
        Reply forOps = api.get("/api/ops/health", tokens().ops("ops1"));
        assertEquals(503, forOps.status(), forOps::toString);
        Map<?, ?> details = (Map<?, ?>) forOps.body().get("details");
        assertEquals("DOWN", ((Map<?, ?>) details.get("redis")).get("status"), details::toString);
        assertEquals("UP", ((Map<?, ?>) details.get("jdbc")).get("status"), "only Redis is down");
    }

    private Tokens tokens() {
        return new Tokens(server.getApplicationContext().getBean(DevTokens.class));
    }
}
