package com.styleshepherd.temporal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;

/**
 * Where the Temporal frontend is and how this process talks to it. Bound from {@code temporal.*},
 * so the environment variables {@code TEMPORAL_ADDRESS} and {@code TEMPORAL_NAMESPACE} apply.
 *
 * @param address host:port of the Temporal frontend
 * @param namespace the namespace every workflow of this backend lives in
 * @param stickyExecution whether workers ask for sticky workflow task queues; the embedded Java test
 *     server never times a sticky queue out, so a killed worker's workflows would hang there
 * @param metricsReportInterval how often SDK metrics are handed to Micrometer
 * @param taskPollers workflow-task and activity-task pollers per task queue in each worker. The SDK's
 *     default (5) suits a real cluster; the embedded test server keeps its backlog in a heap that is
 *     not first-in first-out, so a task that waits there can be passed over for as long as the load
 *     lasts: the dev stack polls with more, so that a backlog does not form (see docs/performance.md)
 * @param shutdownGrace how long a stopping worker waits for its running activities and workflow tasks
 *     after it stops polling; Kubernetes' termination grace period must be longer (deploy/)
 * @param callRetryWindow how long one call to Temporal (start, signal, query, describe) is retried while the
 *     frontend does not answer before it fails: the SDK's minute for the workers, which must not lose a
 *     completion to a short restart; the api sets 1 s, so that a request answers 503 quickly instead
 * @param callDeadline unset, or the most a call that should answer at once may take in all, its attempt in
 *     flight included ({@link CallDeadline}): the api sets 1.5 s
 */
@ConfigurationProperties("temporal")
public record TemporalSettings(
        @Bindable(defaultValue = "localhost:7233") @NotBlank String address,
        @Bindable(defaultValue = "default") @NotBlank String namespace,
        @Bindable(defaultValue = "true") boolean stickyExecution,
        @Bindable(defaultValue = "10s") Duration metricsReportInterval,
        @Bindable(defaultValue = "5") @Min(2) int taskPollers,
        @Bindable(defaultValue = "20s") Duration shutdownGrace,
        @Bindable(defaultValue = "60s") Duration callRetryWindow,
        @Nullable Duration callDeadline) {

    /** Pollers per task queue against the embedded Java test server (dev stack and tests). */
    public static final int TEST_SERVER_TASK_POLLERS = 16;
}
