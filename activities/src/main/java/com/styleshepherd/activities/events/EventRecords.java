package com.styleshepherd.activities.events;

import com.styleshepherd.store.events.DomainEvent;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * How an event travels on the topic (docs/events.md): key the aggregate id, value the JSON envelope
 * ({@code eventId, type, schemaVersion, aggregateType, aggregateId, occurredAt, data}), and headers naming the
 * event id, type, schema version and the outbox sequence the relay recovers its position from.
 */
final class EventRecords {

    static final String EVENT_ID = "event-id";
    static final String EVENT_TYPE = "event-type";
    static final String SCHEMA_VERSION = "schema-version";
    static final String OUTBOX_SEQUENCE = "outbox-sequence";

    private final JsonMapper json;

    EventRecords(JsonMapper json) {
        this.json = json;
    }

    ProducerRecord<String, byte[]> toRecord(String topic, DomainEvent event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", event.eventId().toString());
        envelope.put("type", event.type());
        envelope.put("schemaVersion", event.schemaVersion());
        envelope.put("aggregateType", event.aggregateType());
        envelope.put("aggregateId", event.aggregateId());
        envelope.put("occurredAt", event.occurredAt().toString());
        try {
            envelope.put("data", json.readValue(event.data(), Map.class));
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.aggregateId(),
                    json.writeValueAsBytes(envelope));
            record.headers()
                    .add(EVENT_ID, bytes(event.eventId().toString()))
                    .add(EVENT_TYPE, bytes(event.type()))
                    .add(SCHEMA_VERSION, bytes(Integer.toString(event.schemaVersion())))
                    .add(OUTBOX_SEQUENCE, bytes(Long.toString(event.sequence())));
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("Event " + event.eventId() + " cannot be written as JSON", e);
        }
    }

    /** The outbox sequence a record carries; empty for a record some other producer wrote. */
    static Optional<Long> sequence(ConsumerRecord<?, ?> record) {
        return header(record, OUTBOX_SEQUENCE).map(Long::parseLong);
    }

    /** An event as a consumer reads it. */
    record Received(UUID eventId, String type, int schemaVersion, String aggregateId, Instant occurredAt,
            Map<String, Object> data) {
    }

    @SuppressWarnings("unchecked")
    Received read(ConsumerRecord<String, byte[]> record) {
        try {
            Map<String, Object> envelope = json.readValue(record.value(), Map.class);
            return new Received(UUID.fromString((String) envelope.get("eventId")), (String) envelope.get("type"),
                    ((Number) envelope.get("schemaVersion")).intValue(), (String) envelope.get("aggregateId"),
                    Instant.parse((String) envelope.get("occurredAt")), (Map<String, Object>) envelope.get("data"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " is not an event envelope", e);
        }
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
