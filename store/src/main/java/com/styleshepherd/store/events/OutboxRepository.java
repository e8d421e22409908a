package com.styleshepherd.store.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The SQL behind {@link Outbox} and {@link OutboxQueue}: rows of {@code outbox_events}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface OutboxRepository extends GenericRepository<DomainEvent, Long> {

    @Query("""
            INSERT INTO outbox_events (event_id, type, schema_version, aggregate_type, aggregate_id, occurred_at, data)
            VALUES (:eventId, :type, :schemaVersion, :aggregateType, :aggregateId, :occurredAt, CAST(:data AS jsonb))
            """)
    void insert(UUID eventId, String type, int schemaVersion, String aggregateType, String aggregateId,
            Instant occurredAt, String data);

    @Query("""
            SELECT id AS sequence, event_id, type, schema_version, aggregate_type, aggregate_id, occurred_at,
                   data::text AS data
            FROM outbox_events WHERE published_at IS NULL ORDER BY id LIMIT :limit
            """)
    List<DomainEvent> unpublished(int limit);

    @Query("UPDATE outbox_events SET published_at = now() WHERE id = ANY(CAST(:ids AS bigint[])) AND published_at IS NULL")
    int markPublished(Long[] ids);

    @Query("SELECT count(*) FROM outbox_events WHERE published_at IS NULL")
    long countUnpublished();

    @Query("SELECT min(occurred_at) FROM outbox_events WHERE published_at IS NULL")
    @Nullable
    Instant oldestUnpublished();

    @Query("""
            SELECT id AS sequence, event_id, type, schema_version, aggregate_type, aggregate_id, occurred_at,
                   data::text AS data
            FROM outbox_events WHERE aggregate_id = :aggregateId ORDER BY id
            """)
    List<DomainEvent> findByAggregateId(String aggregateId);
}
