package com.styleshepherd.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The log ids set where a workflow is started reach the workflow's code and its activities. */
class LogContextPropagatorTest {

    @WorkflowInterface
    public interface ProbeWorkflow {
        /** What the workflow thread and its activity saw in the MDC. */
        @WorkflowMethod
        List<Map<String, String>> probe();
    }

    @ActivityInterface
    public interface ProbeActivity {
        Map<String, String> seen();
    }

    public static class ProbeWorkflowImpl implements ProbeWorkflow {
        private final ProbeActivity activity = Workflow.newActivityStub(ProbeActivity.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public List<Map<String, String>> probe() {
            return List.of(mdc(), activity.seen());
        }
    }

    static Map<String, String> mdc() {
        Map<String, String> seen = new HashMap<>(LogContext.current());
        seen.put("WorkflowId", String.valueOf(MDC.get("WorkflowId")));
        return seen;
    }

    private TestWorkflowEnvironment env;
    private WorkflowClient client;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setContextPropagators(List.of(new LogContextPropagator()))
                        .build())
                .build());
        Worker worker = env.newWorker("probe");
        worker.registerWorkflowImplementationTypes(ProbeWorkflowImpl.class);
        worker.registerActivitiesImplementations((ProbeActivity) LogContextPropagatorTest::mdc);
        client = env.getWorkflowClient();
        env.start();
    }

    @AfterEach
    void stop() {
        env.close();
        MDC.clear();
    }

    @Test
    void idsSetWhereTheWorkflowStartsReachItsThreadsAndActivities() {
        List<Map<String, String>> seen;
        try (var ignored = LogContext.with(Map.of(LogContext.REQUEST_ID, "req-1", LogContext.USER_ID, "shopper-1",
                LogContext.CHECKOUT_ID, "c-1"))) {
            seen = stub("wf-with-ids").probe();
        }

        Map<String, String> expected = Map.of(LogContext.REQUEST_ID, "req-1", LogContext.USER_ID, "shopper-1",
                LogContext.CHECKOUT_ID, "c-1", "WorkflowId", "wf-with-ids");
        assertEquals(expected, seen.get(0), "the workflow thread");
        assertEquals(expected, seen.get(1), "the activity, with Temporal's own WorkflowId beside ours");
    }

    @Test
    void aWorkflowStartedWithoutIdsCarriesNone() {
        List<Map<String, String>> seen = stub("wf-without-ids").probe();

        assertEquals(Map.of("WorkflowId", "wf-without-ids"), seen.get(0));
        assertEquals(Map.of("WorkflowId", "wf-without-ids"), seen.get(1));
    }

    @Test
    void aTaskWithoutIdsClearsWhatThePreviousTaskLeftOnThePooledThread() {
        MDC.put(LogContext.USER_ID, "previous-shopper");
        MDC.put(LogContext.CHECKOUT_ID, "previous-checkout");
        LogContextPropagator propagator = new LogContextPropagator();

        propagator.setCurrentContext(propagator.deserializeContext(
                propagator.serializeContext(Map.of(LogContext.REQUEST_ID, "req-2"))));

        assertEquals(Map.of(LogContext.REQUEST_ID, "req-2"), LogContext.current());
    }

    @Test
    void closingAScopeRestoresTheOuterValue() {
        try (var outer = LogContext.with(LogContext.USER_ID, "outer")) {
            try (var inner = LogContext.with(LogContext.USER_ID, "inner")) {
                assertEquals("inner", MDC.get(LogContext.USER_ID));
            }
            assertEquals("outer", MDC.get(LogContext.USER_ID));
        }
        assertEquals(null, MDC.get(LogContext.USER_ID));
    }

    private ProbeWorkflow stub(String workflowId) {
        return client.newWorkflowStub(ProbeWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue("probe").build());
    }
}
