package com.styleshepherd.activities.events;

import io.micronaut.context.BeanProvider;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outbox relay's lag: how many events wait and for how long, and where the relay stands. Always UP: with
 * Kafka down or switched off the events wait in the outbox and nothing else is affected, so no probe should
 * restart or unroute the process for it; the lag is what ops watch (and the {@code styleshepherd.outbox.*}
 * metrics).
 */
@Singleton
public final class OutboxHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final BeanProvider<OutboxRelay> relay;

    OutboxHealthIndicator(BeanProvider<OutboxRelay> relay) {
        this.relay = relay;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        if (!relay.isPresent()) {
            details.put("relay", "DISABLED");
            return details;
        }
        OutboxRelay running = relay.get();
        details.put("relay", running.state().name());
        details.put("waiting", running.lag().waiting());
        details.put("oldestWaitingSeconds", running.lag().oldest().toSeconds());
        if (running.lastPublished() != null) {
            details.put("lastPublished", running.lastPublished().toString());
        }
        return details;
    }

    @Override
    protected String getName() {
        return "outbox";
    }
}
