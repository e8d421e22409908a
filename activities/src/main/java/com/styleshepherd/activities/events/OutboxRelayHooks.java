package com.styleshepherd.activities.events;

import com.styleshepherd.store.events.DomainEvent;
import java.util.List;

/**
 * Points in a relay's batch where a test kills the process (OutboxRelayCrashTest): after an event is sent inside
 * the open Kafka transaction, and after the transaction committed but before the outbox marks it published.
 * Production has none.
 */
public interface OutboxRelayHooks {

    default void sent(DomainEvent event) {
    }

    default void committed(List<DomainEvent> batch) {
    }
}
