package com.styleshepherd.gpu;

import com.styleshepherd.temporal.PollingWorker;
import com.styleshepherd.temporal.TemporalSettings;
import com.styleshepherd.temporal.WorkerRegistration;
import com.styleshepherd.workflows.TaskQueues;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Set;

/**
 * The GPU worker: polls task queue {@code gpu} with the model activities registered for it. Runs
 * where {@code styleshepherd.gpu-worker.enabled=true}: the gpu-worker process (on the GPU node pool
 * in production), and the api process in the dev environment, on CPU.
 */
@Context
@Requires(property = "styleshepherd.gpu-worker.enabled", value = "true")
public class GpuWorker extends PollingWorker {

    GpuWorker(WorkflowClient client, TemporalSettings settings, List<WorkerRegistration> registrations) {
        super("gpu-worker", client, settings, Set.copyOf(TaskQueues.GPU_WORKER), registrations);
    }
}
