package com.styleshepherd.activities.events;

import com.styleshepherd.store.events.StockAlerts;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The stream's consumer in this project: keeps {@link StockAlerts} (the sizes sold out now) current from the stock
 * and product events. Reads {@code read_committed} in consumer group {@value #GROUP}, applies each event once (its
 * id is recorded with the change, so a redelivery after a crash is dropped) and commits its offsets after.
 * Per product the events arrive in the order they happened: they are keyed by the product's id.
 */
@Context
@Requires(property = "styleshepherd.kafka.enabled", value = "true")
@Requires(property = "styleshepherd.kafka.stock-alerts-enabled", notEquals = "false")
public class StockAlertConsumer implements AutoCloseable {

    static final String GROUP = "style-shepherd-stock-alerts";
    private static final Logger LOG = LoggerFactory.getLogger(StockAlertConsumer.class);
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    private final KafkaSettings settings;
    private final StockAlerts alerts;
    private final EventRecords records;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    StockAlertConsumer(KafkaSettings settings, StockAlerts alerts, JsonMapper json) {
        this.settings = settings;
        this.alerts = alerts;
        this.records = new EventRecords(json);
        this.thread = Thread.ofPlatform().name("stock-alert-consumer").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            Map<String, Object> properties = new HashMap<>(settings.clientProperties());
            properties.put("group.id", GROUP);
            properties.put("isolation.level", "read_committed");
            properties.put("enable.auto.commit", "false");
            properties.put("auto.offset.reset", "earliest");
            // The relay creates the topic with its partitions; a consumer that came first must not.
            properties.put("allow.auto.create.topics", "false");
            try (KafkaConsumer<String, byte[]> client = new KafkaConsumer<>(properties, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = client;
                client.subscribe(List.of(settings.topic()));
                while (running) {
                    var batch = client.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, byte[]> record : batch) {
                        EventRecords.Received event;
                        try {
                            event = records.read(record);
                        } catch (IllegalArgumentException e) {
                            // Not an event of ours: no later delivery would read better, so it is skipped.
                            LOG.warn("Stock-alert consumer skips {}", e.getMessage());
                            continue;
                        }
                        apply(event);
                    }
                    if (!batch.isEmpty()) {
                        client.commitSync();
                    }
                }
            } catch (WakeupException e) {
                // close(): the loop ends.
            } catch (KafkaException e) {
                LOG.warn("Stock-alert consumer: {}; retrying", e.toString());
                sleepQuietly();
            } catch (RuntimeException e) {
                // PostgreSQL: nothing was committed for the record; it is read again.
                LOG.warn("Stock-alert consumer could not apply an event: {}; retrying", e.toString());
                sleepQuietly();
            } finally {
                consumer = null;
            }
        }
    }

    /** Applies one event; true when it changed the alerts, false for a redelivery or an event it does not use. */
    boolean apply(EventRecords.Received event) {
        MDC.put("eventId", event.eventId().toString());
        try {
            List<StockAlerts.SizeStock> sizes;
            try {
                sizes = sizes(event);
            } catch (RuntimeException e) {
                LOG.warn("Stock-alert consumer skips {} {}: its data does not read as its schema says ({})",
                        event.type(), event.eventId(), e.toString());
                return false;
            }
            if (sizes.isEmpty()) {
                return false;
            }
            boolean applied = alerts.apply(event.eventId(), event.occurredAt(), sizes);
            LOG.debug("{} {} for product {}", applied ? "Applied" : "Dropped redelivered", event.type(),
                    event.aggregateId());
            return applied;
        } finally {
            MDC.remove("eventId");
        }
    }

    /** The sizes whose stock the event reports; none for an event type this consumer does not use. */
    @SuppressWarnings("unchecked")
    private static List<StockAlerts.SizeStock> sizes(EventRecords.Received event) {
        Map<String, Object> data = event.data();
        return switch (event.type()) {
            case "StockSoldOut" -> List.of(size(data, 0));
            case "StockReserved", "StockReleased" -> List.of(size(data, number(data, "stockLeft")));
            case "ProductChanged" -> ((List<Map<String, Object>>) data.get("sizes")).stream()
                    .map(size -> new StockAlerts.SizeStock(number(size, "productSizeId"), number(data, "productId"),
                            (String) data.get("sku"), (String) size.get("size"), (int) number(size, "stock")))
                    .toList();
            default -> List.of();
        };
    }

    private static StockAlerts.SizeStock size(Map<String, Object> data, long stockLeft) {
        return new StockAlerts.SizeStock(number(data, "productSizeId"), number(data, "productId"),
                (String) data.get("sku"), (String) data.get("size"), (int) stockLeft);
    }

    private static long number(Map<String, Object> data, String field) {
        return ((Number) data.get(field)).longValue();
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(BACKOFF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
