package com.styleshepherd.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Readiness: whether the Temporal frontend answers, and where it is. In the api and both workers; a
 * process that cannot reach Temporal is not ready, but is not restarted for it (not a liveness check).
 */
@Singleton
public final class TemporalHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final WorkflowServiceStubs stubs;

    TemporalHealthIndicator(WorkflowServiceStubs stubs) {
        this.stubs = stubs;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        var info = stubs.blockingStub()
                .withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        healthStatus = HealthStatus.UP;
        return Map.of("target", stubs.getOptions().getTarget(), "serverVersion", info.getServerVersion());
    }

    @Override
    protected String getName() {
        return "temporal";
    }
}
