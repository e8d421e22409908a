package com.styleshepherd.gpu.returnrisk;

import com.styleshepherd.temporal.WorkerRegistration;
import com.styleshepherd.workflows.TaskQueues;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import java.util.List;

/** The return-risk model on task queue {@code gpu}. */
@Factory
@Requires(property = "styleshepherd.gpu-worker.enabled", value = "true")
class ReturnRiskWorkerRegistration {

    @Bean
    @Named("return-risk")
    WorkerRegistration returnRiskRegistration(ReturnRiskActivitiesImpl returnRisk) {
        return new WorkerRegistration(TaskQueues.GPU, List.of(), List.of(returnRisk));
    }
}
