package com.styleshepherd.gpu.embedding;

import com.styleshepherd.temporal.WorkerRegistration;
import com.styleshepherd.workflows.TaskQueues;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import java.util.List;

/** Catalog embedding on task queue {@code gpu}. */
@Factory
@Requires(property = "styleshepherd.gpu-worker.enabled", value = "true")
class EmbeddingWorkerRegistration {

    @Bean
    @Named("embedding")
    WorkerRegistration embeddingRegistration(EmbeddingActivitiesImpl embedding) {
        return new WorkerRegistration(TaskQueues.GPU, List.of(), List.of(embedding));
    }
}
