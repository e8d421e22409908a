package com.styleshepherd.temporal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
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
 */
@ConfigurationProperties("temporal")
public record TemporalSettings(
        @Bindable(defaultValue = "localhost:7233") @NotBlank String address,
        @Bindable(defaultValue = "default") @NotBlank String namespace,
        @Bindable(defaultValue = "true") boolean stickyExecution,
        @Bindable(defaultValue = "10s") Duration metricsReportInterval) {
}
