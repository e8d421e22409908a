package com.styleshepherd.api.events;

import static com.styleshepherd.api.checkout.CheckoutFixtures.body;
import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Eventually;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.devstack.FreePort;
import com.styleshepherd.store.events.DomainEvent;
import com.styleshepherd.store.events.OutboxQueue;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Kafka switched on but unreachable (nothing listens on its port): checkouts complete as before, their events wait
 * in the outbox, and health stays UP while it reports the relay's state and lag.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
class KafkaDownApiTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    OutboxQueue outbox;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(RealInfrastructure.super.getProperties());
        properties.put("styleshepherd.kafka.enabled", "true");
        properties.put("styleshepherd.kafka.bootstrap-servers", "127.0.0.1:" + FreePort.find());
        return properties;
    }

    @Test
    void aCheckoutCompletesAndItsEventsWaitInTheOutboxWhileKafkaIsDown() {
        String shopper = tokens.shopper("kafka-down-" + UUID.randomUUID());
        Reply started = api.post("/api/checkouts", shopper, body(fixtures.dress(5), "M", 1, "pm_card_visa"),
                key(newKey()));
        assertEquals(202, started.status(), started.body().toString());
        String checkoutId = (String) started.body().get("checkoutId");
        String orderId = (String) fixtures.awaitStatus(checkoutId, shopper, "COMPLETED").body().get("orderId");

        List<DomainEvent> placed = outbox.forAggregate(orderId);
        assertEquals(List.of("OrderPlaced"), placed.stream().map(DomainEvent::type).toList());
        assertTrue(outbox.unpublished(100_000).stream().anyMatch(event -> event.eventId().equals(
                placed.getFirst().eventId())), "it waits, unpublished");

        Reply health = api.get("/health");
        assertEquals(200, health.status(), health::toString);
        assertEquals("UP", health.body().get("status"));
        Map<?, ?> relay = Eventually.await(() -> outboxHealth(tokens.ops("ops-" + UUID.randomUUID())),
                details -> "KAFKA_UNREACHABLE".equals(details.get("relay"))
                        && ((Number) details.get("waiting")).longValue() > 0);
        assertTrue(((Number) relay.get("oldestWaitingSeconds")).longValue() >= 0, relay::toString);
    }

    private Map<?, ?> outboxHealth(String ops) {
        Reply forOps = api.get("/api/ops/health", ops);
        assertEquals(200, forOps.status(), forOps::toString);
        Map<?, ?> outboxEntry = (Map<?, ?>) ((Map<?, ?>) forOps.body().get("details")).get("outbox");
        assertEquals("UP", outboxEntry.get("status"), outboxEntry::toString);
        return (Map<?, ?>) outboxEntry.get("details");
    }
}
