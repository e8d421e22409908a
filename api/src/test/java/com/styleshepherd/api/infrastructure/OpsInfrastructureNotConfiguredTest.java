package com.styleshepherd.api.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Without a Vultr key (the dev stack, a deployment elsewhere) the infrastructure view answers 200 with
 * {@code "configured": false} and the servers this api itself uses, with their health, and calls nobody.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.vultr.api-key", value = "")
// Nothing listens here: a call to Vultr would fail, and the answers below would be 503s.
@Property(name = "styleshepherd.vultr.base-url", value = "http://127.0.0.1:9/v2")
class OpsInfrastructureNotConfiguredTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Test
    @SuppressWarnings("unchecked")
    void listsTheServersThisApiUsesWithTheirHealth() {
        Reply reply = api.get("/api/ops/infrastructure", tokens.ops("ops1"));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("vultr", reply.body().get("provider"));
        assertEquals(false, reply.body().get("configured"));
        assertTrue(((String) reply.body().get("detail")).contains("VULTR_API_KEY"));
        assertNull(reply.body().get("databases"), "no provider inventory");
        List<Map<String, Object>> components = (List<Map<String, Object>>) reply.body().get("localComponents");
        assertEquals(List.of("postgresql", "valkey", "temporal"), components.stream().map(c -> c.get("name")).toList());
        assertEquals(List.of("UP", "UP", "UP"), components.stream().map(c -> c.get("status")).toList(),
                components::toString);
        String postgres = (String) components.get(0).get("endpoint");
        assertTrue(postgres.startsWith("postgresql://"), postgres);
        assertFalse(postgres.contains("?") || postgres.contains("@"), "no query, no user: " + postgres);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSummaryIsHealthyWhenEveryLocalServerIsUp() {
        Reply reply = api.get("/api/ops/infrastructure/summary", tokens.ops("ops1"));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(false, reply.body().get("configured"));
        assertEquals(true, reply.body().get("healthy"), reply::toString);
        assertEquals(List.of(), reply.body().get("issues"));
        assertNull(reply.body().get("counts"));
        assertEquals(3, ((List<Object>) reply.body().get("localComponents")).size());
        assertEquals(403, api.get("/api/ops/infrastructure/summary", tokens.shopper("nosy")).status());
    }
}
