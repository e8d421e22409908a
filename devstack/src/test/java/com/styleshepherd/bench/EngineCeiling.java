package com.styleshepherd.bench;

import com.styleshepherd.temporal.TaskQueueWorkers;
import com.styleshepherd.temporal.TemporalSettings;
import com.styleshepherd.temporal.WorkerRegistration;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The engine's ceiling for the checkout's shape: a workflow that runs the same number of activities
 * one after another, each doing nothing, on workers built exactly like the checkout's
 * ({@link TaskQueueWorkers}), against the same Temporal engine. What the checkout adds on top of this
 * is its own work: HTTP, PostgreSQL, Valkey, the risk model.
 */
final class EngineCeiling implements AutoCloseable {

    static final String TASK_QUEUE = "bench-trivial";

    @WorkflowInterface
    public interface TrivialWorkflow {
        @WorkflowMethod
        int run(int activities);
    }

    @ActivityInterface
    public interface NoOpActivities {
        int step(int index);
    }

    public static class TrivialWorkflowImpl implements TrivialWorkflow {
        private final NoOpActivities steps = Workflow.newActivityStub(NoOpActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public int run(int activities) {
            int done = 0;
            for (int i = 0; i < activities; i++) {
                done += steps.step(i);
            }
            return done;
        }
    }

    private final WorkflowClient client;
    private final TaskQueueWorkers workers;

    EngineCeiling(WorkflowClient client, TemporalSettings settings) {
        this.client = client;
        NoOpActivities noOp = index -> 1;
        this.workers = new TaskQueueWorkers("bench-worker", client, settings.taskPollers(), settings.shutdownGrace(), Set.of(TASK_QUEUE),
                List.of(new WorkerRegistration(TASK_QUEUE, List.of(TrivialWorkflowImpl.class), List.of(noOp))));
        workers.start();
    }

    /** Starts one trivial workflow and waits for its result, as a client of the engine. */
    void runOne(int activities) {
        TrivialWorkflow workflow = client.newWorkflowStub(TrivialWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TASK_QUEUE)
                .setWorkflowId("bench-trivial-" + UUID.randomUUID())
                .build());
        int done = workflow.run(activities);
        if (done != activities) {
            throw new IllegalStateException("ran " + done + " of " + activities + " activities");
        }
    }

    @Override
    public void close() {
        workers.close();
    }
}
