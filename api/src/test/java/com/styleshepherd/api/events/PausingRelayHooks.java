package com.styleshepherd.api.events;

import com.styleshepherd.activities.events.OutboxRelayHooks;
import com.styleshepherd.store.events.DomainEvent;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Freezes a relay process at a point of its batch, and says so on its output, for the test to kill it there
 * (SIGKILL): {@code after-sends:N} inside the open Kafka transaction after its N-th send, {@code after-commit}
 * after the first transaction committed but before the outbox marked it published. A relay process of
 * {@link OutboxRelayCrashTest} only.
 */
@Singleton
@Requires(property = PausingRelayHooks.PROPERTY)
final class PausingRelayHooks implements OutboxRelayHooks {

    static final String PROPERTY = "styleshepherd.test.relay-pause";
    static final String PAUSED = "RELAY PAUSED FOR THE KILL";

    private final String point;
    private final AtomicInteger sent = new AtomicInteger();

    PausingRelayHooks(@Property(name = PROPERTY) String point) {
        this.point = point;
    }

    @Override
    public void sent(DomainEvent event) {
        if (point.startsWith("after-sends:") && sent.incrementAndGet() == Integer.parseInt(point.substring(12))) {
            pause();
        }
    }

    @Override
    public void committed(List<DomainEvent> batch) {
        if (point.equals("after-commit")) {
            pause();
        }
    }

    private static void pause() {
        System.out.println(PAUSED);
        System.out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
