package com.styleshepherd.api.events;

import static com.styleshepherd.api.checkout.CheckoutFixtures.body;
import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Eventually;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.WorkerJvm;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.store.events.DomainEvent;
import com.styleshepherd.store.events.OutboxQueue;
import com.styleshepherd.store.events.StockAlerts;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.testing.TestInfrastructure;
import com.styleshepherd.testing.TestKafka;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The outbox relay killed (SIGKILL) in the middle of its batches, in a process of its own as in production: once
 * inside an open Kafka transaction, once after a transaction committed but before the outbox marked it published.
 * A new relay then publishes the rest, and a read_committed consumer finds every event of the outbox on the topic
 * exactly once, the order placed through the API among them; the stock-alert consumer's view is right.
 *
 * <p>This test's context runs the api, both workers and the stock-alert consumer on a database of its own; its
 * relay is off, the relay processes publish.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
class OutboxRelayCrashTest implements RealInfrastructure {

    private static final String TOPIC = "events-crash-" + UUID.randomUUID();
    private static final String DATABASE = TestInfrastructure.createDatabase("outbox_crash");
    private static final int BATCH = 4;

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    OutboxQueue outbox;

    @Inject
    StockAlerts alerts;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(RealInfrastructure.super.getProperties());
        properties.putAll(kafka());
        properties.put("styleshepherd.kafka.relay-enabled", "false");
        return properties;
    }

    private static Map<String, String> kafka() {
        return Map.of(
                "datasources.default.url", DATABASE,
                "styleshepherd.kafka.enabled", "true",
                "styleshepherd.kafka.bootstrap-servers", TestKafka.bootstrapServers(),
                "styleshepherd.kafka.topic", TOPIC,
                "styleshepherd.kafka.batch-size", String.valueOf(BATCH));
    }

    @Test
    void eachEventIsOnTheTopicOnceAfterTheRelayIsKilledInsideAndAfterAKafkaTransaction() throws Exception {
        String shopper = tokens.shopper("events-" + UUID.randomUUID());
        long dress = fixtures.dress(2);
        for (int i = 0; i < 5; i++) {
            fixtures.dress(3);
        }
        Reply started = api.post("/api/checkouts", shopper, body(dress, "M", 2, "pm_card_visa"), key(newKey()));
        assertEquals(202, started.status(), started.body().toString());
        String checkoutId = (String) started.body().get("checkoutId");
        String orderId = (String) fixtures.awaitStatus(checkoutId, shopper, "COMPLETED").body().get("orderId");
        // A second order, cancelled: its money and stock come back (OrderCancelled, PaymentRefunded, StockReleased).
        Reply second = api.post("/api/checkouts", shopper, body(fixtures.dress(3), "M", 1, "pm_card_visa"), key(newKey()));
        String cancelledOrder = (String) fixtures.awaitStatus((String) second.body().get("checkoutId"), shopper,
                "COMPLETED").body().get("orderId");
        Reply cancelled = api.post("/api/orders/" + cancelledOrder + "/cancel", shopper, Map.of());
        assertEquals("CANCELLED", cancelled.body().get("status"), cancelled.body().toString());
        Eventually.await(() -> outbox.forAggregate(cancelledOrder).stream().map(DomainEvent::type).toList(),
                types -> types.containsAll(List.of("OrderPlaced", "PaymentRefunded", "OrderCancelled")));

        List<DomainEvent> written = outbox.unpublished(1000);
        assertTrue(written.size() > 2 * BATCH, "events for several batches: " + written.size());
        assertEquals(1, written.stream().filter(event -> event.type().equals("OrderPlaced")
                && event.aggregateId().equals(orderId)).count(), "the order's event is in the outbox once");

        killWhenPaused("relay-killed-mid-transaction", "after-sends:3");
        assertEquals(written.size(), outbox.unpublished(1000).size(), "the open transaction marked nothing");
        assertEquals(0, EventTopic.readAll(TestKafka.bootstrapServers(), TOPIC, true).size(),
                "a read_committed consumer sees nothing of the open transaction");

        killWhenPaused("relay-killed-after-commit", "after-commit");
        assertEquals(written.size(), outbox.unpublished(1000).size(), "killed before it marked its batch");
        assertEquals(BATCH, EventTopic.readAll(TestKafka.bootstrapServers(), TOPIC, true).size(),
                "its committed batch is on the topic");

        try (WorkerJvm relay = WorkerJvm.start("relay-after-the-kills", relayProperties(null))) {
            Eventually.await(() -> outbox.unpublished(1000), List::isEmpty);
            assertTrue(relay.output().contains(BATCH + " events were on the topic but not marked published"),
                    relay::output);
        }

        List<ConsumerRecord<String, byte[]>> onTopic = EventTopic.readAll(TestKafka.bootstrapServers(), TOPIC, true);
        Map<String, Long> copies = onTopic.stream()
                .collect(Collectors.groupingBy(record -> EventTopic.header(record, "event-id"), Collectors.counting()));
        assertTrue(copies.keySet().containsAll(written.stream().map(event -> event.eventId().toString()).toList()),
                "every event of the outbox is on the topic: " + copies.keySet());
        assertEquals(Set.of(1L), Set.copyOf(copies.values()), "and each once: " + copies);
        assertTrue(onTopic.stream().map(record -> EventTopic.header(record, "event-type")).collect(Collectors.toSet())
                .containsAll(List.of("OrderPlaced", "OrderCancelled", "PaymentRefunded", "StockReserved",
                        "StockReleased", "StockSoldOut", "ProductChanged")), "the types this test's changes write");
        onTopic.forEach(record -> assertEquals(List.of(), EventSchemas.violations(record.value()),
                () -> new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(1, onTopic.stream().filter(record -> record.key().equals(orderId)
                && "OrderPlaced".equals(EventTopic.header(record, "event-type"))).count());
        Map<String, List<Long>> sequencesByKey = onTopic.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(record -> Long.parseLong(EventTopic.header(record, "outbox-sequence")),
                        Collectors.toList())));
        sequencesByKey.forEach((aggregate, sequences) -> assertEquals(sequences.stream().sorted().toList(), sequences,
                "the events of " + aggregate + " in the order they were written"));

        // The stock-alert consumer (in this context) read the stream: the dress's M is sold out.
        List<StockAlerts.Alert> current = Eventually.await(alerts::current,
                list -> list.stream().anyMatch(alert -> alert.productId() == dress && alert.size().equals("M")));
        assertEquals(0, current.stream().filter(alert -> alert.productId() == dress && !alert.size().equals("M"))
                .count(), "its other sizes are in stock: " + current);

        // A redelivery of the StockSoldOut (same event id, as a read_uncommitted consumer could see it) changes nothing.
        ConsumerRecord<String, byte[]> soldOut = onTopic.stream()
                .filter(record -> record.key().equals(Long.toString(dress))
                        && "StockSoldOut".equals(EventTopic.header(record, "event-type")))
                .findFirst().orElseThrow();
        StockAlerts.Alert alert = current.stream().filter(a -> a.productId() == dress).findFirst().orElseThrow();
        assertFalse(alerts.apply(UUID.fromString(EventTopic.header(soldOut, "event-id")), java.time.Instant.now(),
                List.of(new StockAlerts.SizeStock(alert.productSizeId(), dress, alert.sku(), "M", 5))));
        assertTrue(alerts.current().contains(alert), "still sold out");

        // Ops read the same through the API, a page at a time.
        String ops = tokens.ops("restocker-" + UUID.randomUUID());
        Reply listed = api.get("/api/ops/stock-alerts?pageSize=100", ops);
        assertEquals(200, listed.status(), listed.body().toString());
        assertTrue(listed.items().stream().anyMatch(item -> ((Number) item.get("productId")).longValue() == dress
                && "M".equals(item.get("size"))), listed.body().toString());
        assertEquals(403, api.get("/api/ops/stock-alerts", tokens.shopper("curious-" + UUID.randomUUID())).status());
        assertEquals(List.of("pageSize"), api.get("/api/ops/stock-alerts?pageSize=0", ops).violatedFields());
    }

    /** Starts a relay process that pauses at {@code point}, and kills it (SIGKILL) there. */
    private void killWhenPaused(String name, String point) throws Exception {
        try (WorkerJvm relay = WorkerJvm.start(name, relayProperties(point))) {
            Eventually.await(relay::output, output -> output.contains(PausingRelayHooks.PAUSED) || !relay.isAlive());
            assertTrue(relay.isAlive(), relay::output);
            relay.killHard();
        }
    }

    /** A worker process that only relays: no task queues polled, no consumer. */
    private static Map<String, String> relayProperties(String pauseAt) {
        Map<String, String> properties = new HashMap<>(WorkerJvm.testProperties());
        properties.putAll(kafka());
        properties.put("styleshepherd.worker.enabled", "false");
        properties.put("styleshepherd.kafka.stock-alerts-enabled", "false");
        if (pauseAt != null) {
            properties.put(PausingRelayHooks.PROPERTY, pauseAt);
        }
        return properties;
    }
}
