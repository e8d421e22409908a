package com.styleshepherd.worker;

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
 * The regular worker: polls {@code checkout}, {@code conversation} and {@code catalog} with every
 * workflow and activity registered for them. Runs where {@code styleshepherd.worker.enabled=true}:
 * the worker process, and the api process in the dev environment.
 */
@Context
@Requires(property = "styleshepherd.worker.enabled", value = "true")
public class RegularWorker extends PollingWorker {

    RegularWorker(WorkflowClient client, TemporalSettings settings, List<WorkerRegistration> registrations) {
        super("worker", client, settings, Set.copyOf(TaskQueues.REGULAR_WORKER), registrations);
    }
}
