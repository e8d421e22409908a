package com.styleshepherd.temporal;

import io.temporal.client.WorkflowClient;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Set;

/**
 * A worker bean: starts polling its task queues when the context creates it and stops (letting
 * running activities finish) when the context closes. The regular and GPU workers extend it.
 */
public abstract class PollingWorker {

    private final String name;
    private final Set<String> taskQueues;
    private final TaskQueueWorkers workers;

    protected PollingWorker(String name, WorkflowClient client, TemporalSettings settings, Set<String> taskQueues,
            List<WorkerRegistration> registrations) {
        this.name = name;
        this.taskQueues = Set.copyOf(taskQueues);
        this.workers = new TaskQueueWorkers(
                name, client, settings.taskPollers(), settings.shutdownGrace(), taskQueues, registrations);
        workers.start();
    }

    public String name() {
        return name;
    }

    public Set<String> taskQueues() {
        return taskQueues;
    }

    public boolean isPolling() {
        return workers.isStarted();
    }

    @PreDestroy
    public void stop() {
        workers.close();
    }
}
