package com.styleshepherd.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a set of task queues with the workflows and activities registered for them. The regular
 * worker and the GPU worker each own one of these; in the dev stack both run in the api process.
 * Workflow code runs on virtual threads, as do activities.
 */
public final class TaskQueueWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskQueueWorkers.class);
    private final String name;
    private final Set<String> taskQueues;
    private final WorkerFactory factory;
    private final Duration shutdownGrace;

    public TaskQueueWorkers(
            String name, WorkflowClient client, int pollersPerQueue, Duration shutdownGrace, Set<String> taskQueues,
            Collection<WorkerRegistration> registrations) {
        this.name = name;
        this.shutdownGrace = shutdownGrace;
        this.taskQueues = Set.copyOf(taskQueues);
        this.factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setUsingVirtualWorkflowThreads(true)
                .build());
        for (String taskQueue : this.taskQueues) {
            Worker worker = factory.newWorker(taskQueue, WorkerOptions.newBuilder()
                    .setUsingVirtualThreads(true)
                    .setMaxConcurrentWorkflowTaskPollers(pollersPerQueue)
                    .setMaxConcurrentActivityTaskPollers(pollersPerQueue)
                    .build());
            List<WorkerRegistration> mine = registrations.stream()
                    .filter(r -> r.taskQueue().equals(taskQueue))
                    .toList();
            for (WorkerRegistration registration : mine) {
                if (!registration.workflowImplementationTypes().isEmpty()) {
                    worker.registerWorkflowImplementationTypes(
                            registration.workflowImplementationTypes().toArray(Class<?>[]::new));
                }
                if (!registration.activityImplementations().isEmpty()) {
                    worker.registerActivitiesImplementations(registration.activityImplementations().toArray());
                }
            }
        }
    }

    public void start() {
        factory.start();
        LOG.info("{} polling task queues {}", name, taskQueues);
    }

    public boolean isStarted() {
        return factory.isStarted() && !factory.isShutdown();
    }

    /**
     * Stops polling and lets running activities and workflow tasks finish, for at most the shutdown grace;
     * what is still running then is interrupted, and Temporal hands it to another worker when its
     * heartbeat or start-to-close timeout expires.
     */
    @Override
    public void close() {
        LOG.info("{} stopping: no new tasks; waiting up to {} for running ones", name, shutdownGrace);
        factory.shutdown();
        factory.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
        if (!factory.isTerminated()) {
            LOG.warn("{}: tasks still running after {}; interrupting them", name, shutdownGrace);
            factory.shutdownNow();
        }
        LOG.info("{} stopped", name);
    }
}
