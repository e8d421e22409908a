package com.styleshepherd.store.payments;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;

/**
 * Every Stripe event, stored once by its id ({@code stripe_webhook_events}). An event is handed on
 * until it is marked processed, so a crash between storing and signalling loses nothing, and a
 * redelivered event that was processed is a no-op.
 */
@Singleton
public class WebhookInbox {

    private final JdbcOperations jdbc;

    WebhookInbox(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the event (its id, type and raw JSON body) if new; true when it still has to be processed. */
    @Transactional
    public boolean receive(String eventId, String type, String payload) {
        jdbc.prepareStatement("""
                INSERT INTO stripe_webhook_events (event_id, type, payload) VALUES (?, ?, CAST(? AS jsonb))
                ON CONFLICT (event_id) DO NOTHING
                """, statement -> {
            statement.setString(1, eventId);
            statement.setString(2, type);
            statement.setString(3, payload);
            return statement.executeUpdate();
        });
        return jdbc.prepareStatement("SELECT processed_at IS NULL FROM stripe_webhook_events WHERE event_id = ?",
                statement -> {
                    statement.setString(1, eventId);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getBoolean(1);
                    }
                });
    }

    @Transactional
    public void markProcessed(String eventId) {
        jdbc.prepareStatement("UPDATE stripe_webhook_events SET processed_at = now() WHERE event_id = ? "
                + "AND processed_at IS NULL", statement -> {
            statement.setString(1, eventId);
            return statement.executeUpdate();
        });
    }
}
