package com.styleshepherd.activities.catalog;

import com.styleshepherd.temporal.WorkerRegistration;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.catalog.CatalogEmbeddingWorkflowImpl;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import java.util.List;

/** The catalog embedding workflow and its bookkeeping activities, on task queue {@code catalog}. */
// Only where the worker runs: the gpu worker has this module on its classpath for the store.
@Factory
@Requires(property = "styleshepherd.worker.enabled", value = "true")
class CatalogWorkerRegistration {

    @Bean
    @Named("catalog")
    WorkerRegistration catalogRegistration(EmbeddingJobActivitiesImpl jobs) {
        return new WorkerRegistration(TaskQueues.CATALOG, List.of(CatalogEmbeddingWorkflowImpl.class), List.of(jobs));
    }
}
