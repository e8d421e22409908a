package com.styleshepherd.temporal;

import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.checkout.CheckoutPolicy;
import com.styleshepherd.workflows.checkout.CheckoutRequest;
import com.styleshepherd.workflows.checkout.CheckoutWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Starts checkout workflows, for the api (a new checkout, an ops retry) and for the regular worker (a
 * checkout whose row was opened but whose workflow never started): one set of options, one policy.
 */
@Singleton
public class CheckoutStarter {

    private final WorkflowClient client;
    private final CheckoutSettings settings;
    private final OrderSettings orders;

    CheckoutStarter(WorkflowClient client, CheckoutSettings settings, OrderSettings orders) {
        this.client = client;
        this.settings = settings;
        this.orders = orders;
    }

    /** The time limits a checkout started now runs with, and the rules of the order it places. */
    public CheckoutPolicy policy() {
        return settings.policy(orders.policy());
    }

    /**
     * Starts the checkout's workflow unless a run with its id exists. {@code afterFailure} lets a new run
     * follow a failed one (ops retry); otherwise any earlier run, even a failed one, blocks the start.
     *
     * @return the new run's id, or empty when a run already existed (nothing was started)
     */
    public Optional<String> start(String workflowId, CheckoutRequest request, boolean afterFailure) {
        CheckoutWorkflow workflow = client.newWorkflowStub(CheckoutWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.CHECKOUT)
                .setWorkflowIdReusePolicy(afterFailure
                        ? WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY
                        : WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
        // The workflow's logs, and its activities', name the shopper and the checkout.
        try (var ignored = LogContext.with(Map.of(LogContext.USER_ID, request.shopperId(),
                LogContext.CHECKOUT_ID, request.checkoutId().toString()))) {
            return Optional.of(WorkflowClient.start(workflow::checkout, request).getRunId());
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            return Optional.empty();
        }
    }
}
