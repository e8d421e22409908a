package com.styleshepherd.store.orders;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.UUID;

/** The SQL behind {@link CarrierInbox}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CarrierInboxRepository extends GenericRepository<OrderLifecycleRepository.RefundRow, UUID> {

    @Query("""
            INSERT INTO carrier_webhook_events (event_id, shipment_id, payload)
            VALUES (:eventId, :shipmentId, CAST(:payload AS jsonb))
            ON CONFLICT (event_id) DO NOTHING
            """)
    int insertIfAbsent(String eventId, UUID shipmentId, String payload);

    @Query("SELECT processed_at IS NULL FROM carrier_webhook_events WHERE event_id = :eventId")
    boolean pending(String eventId);

    @Query("UPDATE carrier_webhook_events SET processed_at = now() WHERE event_id = :eventId AND processed_at IS NULL")
    int markProcessed(String eventId);
}
