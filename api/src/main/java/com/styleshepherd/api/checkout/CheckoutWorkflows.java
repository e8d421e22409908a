package com.styleshepherd.api.checkout;

import com.styleshepherd.store.checkout.CheckoutRecord;
import com.styleshepherd.temporal.CallDeadline;
import com.styleshepherd.temporal.CheckoutStarter;
import com.styleshepherd.workflows.checkout.CheckoutState;
import com.styleshepherd.workflows.checkout.CheckoutWorkflow;
import com.styleshepherd.workflows.checkout.CheckoutWorkflowImpl;
import com.styleshepherd.workflows.checkout.PaymentEvent;
import com.styleshepherd.workflows.checkout.PricedCart;
import io.micronaut.core.annotation.Nullable;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** How the api talks to checkout workflows: start, update, signal, and replay for ops. */
@Singleton
class CheckoutWorkflows {

    private final WorkflowClient client;
    private final CheckoutStarter starter;
    private final CallDeadline deadline;

    CheckoutWorkflows(WorkflowClient client, CheckoutStarter starter, CallDeadline deadline) {
        this.client = client;
        this.starter = starter;
        this.deadline = deadline;
    }

    /**
     * {@link CheckoutStarter#start} for this checkout's row, with the cart as priced when it was opened (null:
     * the workflow prices it); false when a run already existed.
     */
    boolean start(CheckoutRecord checkout, @Nullable PricedCart cart) {
        return deadline.within(() -> starter.start(checkout.workflowId(), checkout.toRequest(starter.policy(), cart),
                checkout.followsFailedRun())).isPresent();
    }

    /**
     * Starts a new run of a checkout whose last run failed (an ops retry; the workflow prices the cart again
     * and records the run on the row): the new run's id, or empty when the id-reuse policy refused (a run is
     * open or completed).
     */
    Optional<String> retry(CheckoutRecord checkout) {
        return deadline.within(() -> starter.start(checkout.workflowId(), checkout.toRequest(starter.policy(), null),
                true));
    }

    /** Sends another payment method to a declined checkout; answers once that attempt settled. */
    CheckoutState retryPayment(String workflowId, String paymentMethod) {
        return client.newWorkflowStub(CheckoutWorkflow.class, workflowId).retryPayment(paymentMethod);
    }

    void signalPaymentEvent(String workflowId, PaymentEvent event) {
        deadline.within(() -> client.newWorkflowStub(CheckoutWorkflow.class, workflowId).paymentEvent(event));
    }

    /**
     * Resets the checkout's running execution to its first or its latest completed workflow task: a new run
     * takes over from there (payment keys name the chain's first run, so nothing is charged twice).
     *
     * @return the new run's id, or empty when no run of the checkout is running (a closed one is retried,
     *     never reset: its compensations have run)
     */
    Optional<String> reset(String workflowId, boolean toFirstTask, String reason) {
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
        if (stub.describe().getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            return Optional.empty();
        }
        List<HistoryEvent> tasks = client.fetchHistory(workflowId).getEvents().stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
                .toList();
        long eventId = (toFirstTask ? tasks.getFirst() : tasks.getLast()).getEventId();
        return Optional.of(client.getWorkflowServiceStubs().blockingStub()
                .resetWorkflowExecution(ResetWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .setWorkflowTaskFinishEventId(eventId)
                        .setRequestId(UUID.randomUUID().toString())
                        .setReason(reason)
                        .build())
                .getRunId());
    }

    /** Replays the latest run's history against the workflow code this process runs. */
    ReplayResult replay(String workflowId) {
        WorkflowExecutionHistory history = client.fetchHistory(workflowId);
        int events = history.getHistory().getEventsCount();
        // A worker that is never started polls nothing: it only replays (the SDK's own WorkflowReplayer does
        // the same on a test server, which the api does not ship).
        WorkerFactory replayers = WorkerFactory.newInstance(client);
        try {
            Worker worker = replayers.newWorker("replay-" + UUID.randomUUID());
            worker.registerWorkflowImplementationTypes(CheckoutWorkflowImpl.class);
            worker.replayWorkflowExecution(history);
            return new ReplayResult(true, events, null);
        } catch (Exception nonDeterministic) {
            return new ReplayResult(false, events, nonDeterministic.getMessage());
        } finally {
            replayers.shutdownNow();
        }
    }
}
