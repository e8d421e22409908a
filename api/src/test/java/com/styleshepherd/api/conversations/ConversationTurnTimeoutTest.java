package com.styleshepherd.api.conversations;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A turn request does not wait without end: past {@code styleshepherd.conversation.turn-timeout} it gets
 * 503 while the turn goes on, and a retry with the same Idempotency-Key finds it answered, once. The
 * limit here (1 ms) is shorter than any turn, so the first request always gives up.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
@Property(name = "styleshepherd.conversation.turn-timeout", value = "1ms")
class ConversationTurnTimeoutTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Test
    void aTurnNotAnsweredInTimeGets503AndARetryFindsItAnsweredOnce() throws InterruptedException {
        String shopper = tokens.shopper("slow-turn-" + UUID.randomUUID());
        Reply started = api.post("/api/conversations", shopper, Map.of());
        assertEquals(201, started.status(), started.body().toString());
        String id = (String) started.body().get("conversationId");
        String turns = "/api/conversations/" + id + "/turns";
        Map<String, String> key = Map.of("Idempotency-Key", "slow-turn-" + id);

        Reply first = api.post(turns, shopper, Map.of("text", "Hello"), key);

        assertEquals(503, first.status(), first.body().toString());
        assertTrue(first.body().toString().contains("the turn goes on: retry it with the same Idempotency-Key"),
                first.body().toString());

        Reply retried = first;
        for (int attempt = 0; attempt < 300 && retried.status() == 503; attempt++) {
            Thread.sleep(100);
            retried = api.post(turns, shopper, Map.of("text", "Hello"), key);
        }
        assertEquals(200, retried.status(), retried.body().toString());
        assertEquals("true", retried.header("Idempotent-Replayed").orElse(null),
                "the retry found the turn the first request started, answered");
        assertEquals(1, ((Number) retried.body().get("number")).intValue());

        Reply read = api.get("/api/conversations/" + id, shopper);
        assertEquals(1, read.body().get("turns"), "asked twice, answered once");
    }
}
