package com.styleshepherd.temporal;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** The one place that connects to Temporal: every process gets its client from here. */
@Factory
final class TemporalClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    Scope temporalMetricsScope(MeterRegistry meterRegistry, TemporalSettings settings) {
        return new RootScopeBuilder()
                .reporter(new MicrometerClientStatsReporter(meterRegistry))
                .reportEvery(com.uber.m3.util.Duration.ofMillis(settings.metricsReportInterval().toMillis()));
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    WorkflowServiceStubs workflowServiceStubs(TemporalSettings settings, TemporalTls tls, Scope temporalMetricsScope) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setTarget(settings.address())
                .setMetricsScope(temporalMetricsScope)
                .setRpcTimeout(Duration.ofSeconds(10))
                .setRpcRetryOptions(RpcRetryOptions.newBuilder()
                        .setExpiration(settings.callRetryWindow())
                        .setInitialInterval(Duration.ofMillis(50))
                        // The window is checked after a failed attempt: a short sleep keeps the answer near it.
                        .setMaximumInterval(Duration.ofMillis(200))
                        .validateBuildWithDefaults());
        if (tls.enabled()) {
            options.setSslContext(tls.sslContext());
        }
        if (!settings.stickyExecution()) {
            options.setGrpcClientInterceptors(List.of(new NonStickyWorkflowTasks()));
        }
        // Lazy: the process starts even when Temporal is briefly unreachable; health reports it.
        return WorkflowServiceStubs.newServiceStubs(options.build());
    }

    @Singleton
    ScheduleClient scheduleClient(WorkflowServiceStubs stubs, TemporalSettings settings) {
        return ScheduleClient.newInstance(stubs, ScheduleClientOptions.newBuilder()
                .setNamespace(settings.namespace())
                .build());
    }

    @Singleton
    WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalSettings settings) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(settings.namespace())
                .setContextPropagators(List.of(new LogContextPropagator()))
                .build());
    }
}
