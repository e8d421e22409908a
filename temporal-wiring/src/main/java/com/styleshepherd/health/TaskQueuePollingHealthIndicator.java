package com.styleshepherd.health;

import com.styleshepherd.temporal.PollingWorker;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Liveness: whether every worker of this process still polls its task queues. A worker whose factory
 * has stopped takes no more work, and only a restart brings it back, so Kubernetes' liveness probe
 * ({@code /health/liveness}) restarts the pod. A process with no workers (the production api) is UP.
 */
@Singleton
@Liveness
public final class TaskQueuePollingHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final List<PollingWorker> workers;

    TaskQueuePollingHealthIndicator(List<PollingWorker> workers) {
        this.workers = workers;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean allPolling = true;
        for (PollingWorker worker : workers) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("taskQueues", worker.taskQueues().stream().sorted().toList());
            detail.put("polling", worker.isPolling());
            details.put(worker.name(), detail);
            allPolling &= worker.isPolling();
        }
        healthStatus = allPolling ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "workers";
    }
}
