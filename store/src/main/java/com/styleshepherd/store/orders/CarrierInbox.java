package com.styleshepherd.store.orders;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Every carrier event, stored once by its id ({@code carrier_webhook_events}); handed on until marked
 * processed, so a crash between storing and reporting loses nothing and a redelivered event is a no-op.
 */
@Singleton
public class CarrierInbox {

    private final CarrierInboxRepository repository;

    CarrierInbox(CarrierInboxRepository repository) {
        this.repository = repository;
    }

    /** Stores the event if new; true when it still has to be processed. */
    @Transactional
    public boolean receive(String eventId, UUID shipmentId, String payload) {
        repository.insertIfAbsent(eventId, shipmentId, payload);
        return repository.pending(eventId);
    }

    @Transactional
    public void markProcessed(String eventId) {
        repository.markProcessed(eventId);
    }
}
