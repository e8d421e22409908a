package com.styleshepherd.store.events;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The outbox as the relay reads it: the events not published yet, oldest first, and how far behind it is. */
@Singleton
public class OutboxQueue {

    private final OutboxRepository repository;

    OutboxQueue(OutboxRepository repository) {
        this.repository = repository;
    }

    /** At most {@code limit} unpublished events, in the order they were written. */
    @ReadOnly
    public List<DomainEvent> unpublished(int limit) {
        return repository.unpublished(limit);
    }

    /** Marks the events with these sequences published (again is harmless): how many were not yet. */
    @Transactional
    public int markPublished(Collection<Long> sequences) {
        if (sequences.isEmpty()) {
            return 0;
        }
        return repository.markPublished(sequences.toArray(Long[]::new));
    }

    /** The relay's lag: how many events wait, and how long the oldest has. */
    @ReadOnly
    public Lag lag() {
        long waiting = repository.countUnpublished();
        Optional<Instant> oldest = Optional.ofNullable(repository.oldestUnpublished());
        return new Lag(waiting, oldest.map(at -> Duration.between(at, Instant.now())).orElse(Duration.ZERO));
    }

    /** Every event about one aggregate, published or not, in order (ops checks and tests). */
    @ReadOnly
    public List<DomainEvent> forAggregate(String aggregateId) {
        return repository.findByAggregateId(aggregateId);
    }

    public record Lag(long waiting, Duration oldest) {
    }
}
