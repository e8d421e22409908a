package com.styleshepherd.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testserver.TestServer;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared Temporal wiring against the Temporal Java test server: the client from the factory bean,
 * workers built from registrations, and a workflow that survives the death of its worker.
 */
class TaskQueueWorkersTest {

    static final String QUEUE = "wiring-test";
    static final String SLOW_QUEUE = "draining-test";

    @WorkflowInterface
    public interface GreetingWorkflow {
        @WorkflowMethod
        String greet(String name);

        @SignalMethod
        void proceed();
    }

    @ActivityInterface
    public interface Greetings {
        String compose(String name);
    }

    public static class GreetingWorkflowImpl implements GreetingWorkflow {
        private final Greetings greetings = Workflow.newActivityStub(Greetings.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(5)).build());
        private boolean proceed;

        @Override
        public String greet(String name) {
            String first = greetings.compose(name);
            Workflow.await(() -> proceed);
            return first + " / " + greetings.compose(name + " again");
        }

        @Override
        public void proceed() {
            proceed = true;
        }
    }

    static class ComposeGreetings implements Greetings {
        @Override
        public String compose(String name) {
            return "Hello " + name;
        }
    }

    private AutoCloseable server;
    private ApplicationContext context;

    @BeforeEach
    void startEngine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = TestServer.createPortBoundServer(port, true);
        context = ApplicationContext.run(Map.of(
                "temporal.address", "localhost:" + port,
                "temporal.sticky-execution", "false"));
    }

    @AfterEach
    void stopEngine() throws Exception {
        context.close();
        server.close();
    }

    @Test
    void runsRegisteredWorkflowsAndActivitiesOnTheirTaskQueue() {
        WorkflowClient client = context.getBean(WorkflowClient.class);
        try (TaskQueueWorkers workers = startWorkers(client)) {
            GreetingWorkflow workflow = newWorkflow(client);
            WorkflowClient.start(workflow::greet, "Ada");
            workflow.proceed();
            assertEquals("Hello Ada / Hello Ada again", WorkflowStub.fromTyped(workflow).getResult(String.class));
        }
    }

    @Test
    void aWorkflowWhoseWorkerDiedFinishesOnAnotherWorker() throws Exception {
        WorkflowClient client = context.getBean(WorkflowClient.class);
        GreetingWorkflow workflow = newWorkflow(client);

        TaskQueueWorkers first = startWorkers(client);
        WorkflowClient.start(workflow::greet, "Grace");
        // Wait until the first worker has run the first activity and the workflow is waiting.
        waitForHistoryEvents(client, WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId(), 10);
        first.close();

        try (TaskQueueWorkers second = startWorkers(client)) {
            workflow.proceed();
            String result = WorkflowStub.fromTyped(workflow).getResult(30, TimeUnit.SECONDS, String.class);
            assertEquals("Hello Grace / Hello Grace again", result);
        }
    }

    @WorkflowInterface
    public interface SlowWorkflow {
        @WorkflowMethod
        String run();
    }

    @ActivityInterface
    public interface SlowWork {
        String work();
    }

    public static class SlowWorkflowImpl implements SlowWorkflow {
        private final SlowWork slow = Workflow.newActivityStub(SlowWork.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(io.temporal.common.RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());

        @Override
        public String run() {
            return slow.work();
        }
    }

    /** An activity that runs for {@code millis}, telling the test when it started and how it ended. */
    static final class TimedWork implements SlowWork {
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CompletableFuture<String> ended = new java.util.concurrent.CompletableFuture<>();
        private final long millis;

        TimedWork(long millis) {
            this.millis = millis;
        }

        @Override
        public String work() {
            started.countDown();
            try {
                Thread.sleep(millis);
                ended.complete("finished");
                return "done";
            } catch (InterruptedException e) {
                ended.complete("interrupted");
                Thread.currentThread().interrupt();
                throw io.temporal.activity.Activity.wrap(e);
            }
        }
    }

    @Test
    void stoppingLetsARunningActivityFinishWithinTheGrace() throws Exception {
        WorkflowClient client = context.getBean(WorkflowClient.class);
        TimedWork work = new TimedWork(1_500);
        TaskQueueWorkers workers = startSlowWorkers(client, work, Duration.ofSeconds(20));
        SlowWorkflow workflow = newSlowWorkflow(client);
        WorkflowClient.start(workflow::run);
        work.started.await(30, TimeUnit.SECONDS);

        workers.close();

        assertEquals("finished", work.ended.getNow("still running"), "close() waited for the running activity");
        try (TaskQueueWorkers second = startSlowWorkers(client, new TimedWork(0), Duration.ofSeconds(5))) {
            assertEquals("done", WorkflowStub.fromTyped(workflow).getResult(30, TimeUnit.SECONDS, String.class),
                    "the activity's result, reported while draining, is the workflow's");
        }
    }

    @Test
    void anActivityStillRunningAfterTheGraceIsInterrupted() throws Exception {
        WorkflowClient client = context.getBean(WorkflowClient.class);
        TimedWork work = new TimedWork(60_000);
        TaskQueueWorkers workers = startSlowWorkers(client, work, Duration.ofMillis(300));
        WorkflowClient.start(newSlowWorkflow(client)::run);
        work.started.await(30, TimeUnit.SECONDS);

        workers.close();

        assertEquals("interrupted", work.ended.get(10, TimeUnit.SECONDS));
    }

    private static TaskQueueWorkers startSlowWorkers(WorkflowClient client, SlowWork work, Duration grace) {
        TaskQueueWorkers workers = new TaskQueueWorkers("slow-worker", client, 2, grace, Set.of(SLOW_QUEUE),
                List.of(new WorkerRegistration(SLOW_QUEUE, List.of(SlowWorkflowImpl.class), List.of(work))));
        workers.start();
        return workers;
    }

    private static SlowWorkflow newSlowWorkflow(WorkflowClient client) {
        return client.newWorkflowStub(SlowWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(SLOW_QUEUE)
                .setWorkflowId("slow-" + UUID.randomUUID())
                .setWorkflowExecutionTimeout(Duration.ofMinutes(1))
                .build());
    }

    private static TaskQueueWorkers startWorkers(WorkflowClient client) {
        TaskQueueWorkers workers = new TaskQueueWorkers("test-worker", client, 2, Duration.ofSeconds(5), Set.of(QUEUE),
                List.of(new WorkerRegistration(QUEUE, List.of(GreetingWorkflowImpl.class), List.of(new ComposeGreetings())),
                        new WorkerRegistration("another-queue", List.of(), List.of())));
        workers.start();
        return workers;
    }

    private static GreetingWorkflow newWorkflow(WorkflowClient client) {
        return client.newWorkflowStub(GreetingWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE)
                .setWorkflowId("greeting-" + UUID.randomUUID())
                .setWorkflowExecutionTimeout(Duration.ofMinutes(1))
                .build());
    }

    private static void waitForHistoryEvents(WorkflowClient client, String workflowId, int events)
            throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (client.fetchHistory(workflowId).getHistory().getEventsCount() >= events) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Workflow " + workflowId + " did not reach " + events + " events");
    }
}
