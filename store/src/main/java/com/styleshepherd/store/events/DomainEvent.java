package com.styleshepherd.store.events;

import io.micronaut.core.annotation.Introspected;
import java.time.Instant;
import java.util.UUID;

/**
 * One event as the outbox holds it and the topic carries it: {@code data} is the event's own fields as JSON
 * text (its schema: {@code events/<type>.schema.json}). {@code sequence} is the outbox row's id: the order
 * the relay publishes in, and how a restarted relay recognises what is on the topic already.
 */
@Introspected
public record DomainEvent(long sequence, UUID eventId, String type, int schemaVersion, String aggregateType,
        String aggregateId, Instant occurredAt, String data) {
}
