package com.styleshepherd.store.events;

import com.styleshepherd.store.JsonColumns;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Where the store writes the domain events its changes cause: one row of {@code outbox_events} in the
 * transaction of the change (propagation MANDATORY: an event without its change, or a change without its
 * event, cannot be written). The relay in the regular worker publishes them to Kafka (docs/events.md).
 */
@Singleton
public class Outbox {

    private final OutboxRepository repository;
    private final JsonColumns json;

    Outbox(OutboxRepository repository, JsonColumns json) {
        this.repository = repository;
        this.json = json;
    }

    /**
     * Writes one event about {@code aggregateId}; {@code data} holds the event's fields as its schema names
     * them (strings, numbers, booleans, lists and maps; money as decimal strings, times as ISO-8601 strings).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public UUID append(EventType type, Object aggregateId, Map<String, ?> data) {
        UUID eventId = UUID.randomUUID();
        repository.insert(eventId, type.typeName(), type.schemaVersion(), type.aggregateType(), aggregateId.toString(),
                Instant.now(), json.write(data));
        return eventId;
    }
}
