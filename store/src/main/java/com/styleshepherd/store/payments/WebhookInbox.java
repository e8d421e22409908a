package com.styleshepherd.store.payments;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Every Stripe event, stored once by its id ({@code stripe_webhook_events}). An event is handed on
 * until it is marked processed, so a crash between storing and signalling loses nothing, and a
 * redelivered event that was processed is a no-op.
 */
@Singleton
public class WebhookInbox {

    private final WebhookRepository repository;

    WebhookInbox(WebhookRepository repository) {
        this.repository = repository;
    }

    /** Stores the event (its id, type and raw JSON body) if new; true when it still has to be processed. */
    @Transactional
    public boolean receive(String eventId, String type, String payload) {
        repository.insertIfAbsent(eventId, type, payload);
        return repository.pending(eventId);
    }

    @Transactional
    public void markProcessed(String eventId) {
        repository.markProcessed(eventId);
    }
}
