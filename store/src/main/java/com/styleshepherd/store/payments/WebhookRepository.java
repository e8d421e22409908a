package com.styleshepherd.store.payments;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The SQL behind {@link WebhookInbox}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface WebhookRepository extends GenericRepository<WebhookEvent, String> {

    /** 1 when the event was inserted, 0 when it was received before. */
    @Query("""
            INSERT INTO stripe_webhook_events (event_id, type, payload)
            VALUES (:eventId, :type, CAST(:payload AS jsonb))
            ON CONFLICT (event_id) DO NOTHING
            """)
    int insertIfAbsent(String eventId, String type, String payload);

    /** Whether the stored event is still to be processed. */
    @Query("SELECT processed_at IS NULL FROM stripe_webhook_events WHERE event_id = :eventId")
    boolean pending(String eventId);

    @Query("UPDATE stripe_webhook_events SET processed_at = now() WHERE event_id = :eventId AND processed_at IS NULL")
    int markProcessed(String eventId);
}
