package com.styleshepherd.api.orders;

import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.temporal.CallDeadline;
import com.styleshepherd.workflows.order.OrderState;
import com.styleshepherd.workflows.order.OrderRequests;
import com.styleshepherd.workflows.order.OrderWorkflow;
import com.styleshepherd.workflows.order.ShipmentReport;
import com.styleshepherd.workflows.order.ShipmentState;
import com.styleshepherd.workflows.order.ShipmentStep;
import com.styleshepherd.workflows.order.ShipmentWorkflow;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the api talks to order and shipment workflows: queries, and updates whose refusals become problems
 * (a refusal of the input: 422 naming the field; of the change where the order is: 409 saying why).
 */
@Singleton
public class OrderWorkflows {

    /** A refusal of the input starts with the field it is about: {@code quantity: the line holds 1 unit(s)}. */
    private static final Pattern FIELD = Pattern.compile("^([a-zA-Z]+): (.*)$", Pattern.DOTALL);

    private static final Duration WAIT_FOR_NEW_ORDER = Duration.ofSeconds(10);

    private final WorkflowClient client;
    private final CallDeadline callDeadline;
    private final Duration answerWithin;

    OrderWorkflows(WorkflowClient client, CallDeadline callDeadline,
            @Value("${styleshepherd.orders.answer-within:20s}") Duration answerWithin) {
        this.client = client;
        this.callDeadline = callDeadline;
        this.answerWithin = answerWithin;
    }

    /** The order as its workflow holds it; empty for an order without one (placed before orders had one). */
    public Optional<OrderState> state(UUID orderId) {
        try {
            return Optional.of(callDeadline.within(
                    client.newWorkflowStub(OrderWorkflow.class, OrderWorkflow.workflowId(orderId))::state));
        } catch (WorkflowNotFoundException none) {
            return Optional.empty();
        }
    }

    public Optional<ShipmentState> shipment(UUID orderId, UUID shipmentId) {
        try {
            return Optional.of(callDeadline.within(client.newWorkflowStub(ShipmentWorkflow.class,
                    ShipmentWorkflow.workflowId(orderId, shipmentId))::state));
        } catch (WorkflowNotFoundException none) {
            return Optional.empty();
        }
    }

    /**
     * Sends an update to the order's workflow: refused (a problem) or accepted. An accepted change answers its
     * result when it completes within {@code styleshepherd.orders.answer-within} (default 20 s); one still
     * running then (a refund while the payment provider is down: its activity retries until it answers) comes
     * back empty, and the caller answers 202: the order will show it.
     *
     * <p>The checkout marks itself COMPLETED with the order, a moment before it starts the order's workflow: for
     * an order placed in the last minute, a workflow not there yet is waited for (a few seconds), not taken for
     * one that will never come.
     *
     * @param placedAt when the order was placed; null when it certainly has its workflow, or never will
     * @param updateName the {@link OrderWorkflow} update: {@code cancel}, {@code createShipment},
     *     {@code requestReturn}, {@code receiveReturn}, {@code refund}
     * @throws NoOrderWorkflow when the order has no running workflow (closed, or placed before orders had one)
     */
    public Optional<OrderState> update(UUID orderId, @Nullable Instant placedAt, String updateName, Object argument) {
        String workflowId = OrderWorkflow.workflowId(orderId);
        long deadline = System.nanoTime() + WAIT_FOR_NEW_ORDER.toNanos();
        while (true) {
            WorkflowUpdateHandle<OrderState> accepted;
            try {
                accepted = client.newUntypedWorkflowStub(workflowId).startUpdate(
                        UpdateOptions.newBuilder(OrderState.class).setUpdateName(updateName)
                                .setWaitForStage(WorkflowUpdateStage.ACCEPTED).build(), argument);
            } catch (WorkflowUpdateException refused) {
                throw problem(refused);
            } catch (WorkflowNotFoundException missing) {
                // Not there yet (the checkout is about to start it), or there but not yet taking updates (the test
                // server refuses them before the first workflow task): both pass in moments. Closed: never.
                boolean justPlaced = placedAt != null
                        && placedAt.isAfter(Instant.now().minus(Duration.ofMinutes(1)));
                Optional<Boolean> running = running(workflowId);
                boolean passing = running.orElse(justPlaced);
                if (!passing || System.nanoTime() > deadline) {
                    throw new NoOrderWorkflow(orderId);
                }
                pause();
                continue;
            }
            try {
                return Optional.of(accepted.getResultAsync().get(answerWithin.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException stillRunning) {
                return Optional.empty();
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof WorkflowUpdateException refused) {
                    throw problem(refused);
                }
                throw failed.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(failed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells the order that a refund it made failed at the provider; false when the order takes no more signals. */
    public boolean refundFailed(UUID orderId, OrderRequests.RefundFailed failed) {
        try {
            callDeadline.within(() -> client.newWorkflowStub(OrderWorkflow.class, OrderWorkflow.workflowId(orderId))
                    .refundFailed(failed));
            return true;
        } catch (WorkflowNotFoundException closed) {
            return false;
        }
    }

    /** Reports a shipment's step to its workflow. */
    public ShipmentState report(UUID orderId, UUID shipmentId, ShipmentReport report) {
        return toShipment(orderId, shipmentId, shipment -> shipment.report(report));
    }

    /**
     * Calls a shipment off before it left: its lines can ship again in another shipment. A shipment that ended
     * (its workflow closed) answers as it ended when that was a calling off (asked twice), and 409 otherwise.
     */
    public ShipmentState callOff(UUID orderId, UUID shipmentId, String reason) {
        try {
            return toShipment(orderId, shipmentId, shipment -> shipment.callOff(reason));
        } catch (HttpStatusException notUnderWay) {
            if (notUnderWay.getStatus() != HttpStatus.NOT_FOUND) {
                throw notUnderWay;
            }
            ShipmentState ended = shipment(orderId, shipmentId).orElseThrow(() -> notUnderWay);
            if (ended.step() == ShipmentStep.CANCELLED) {
                return ended;
            }
            throw new HttpStatusException(HttpStatus.CONFLICT, "The shipment is " + ended.step()
                    + ": it can no longer be called off");
        }
    }

    private ShipmentState toShipment(UUID orderId, UUID shipmentId,
            Function<ShipmentWorkflow, ShipmentState> update) {
        try {
            return update.apply(client.newWorkflowStub(ShipmentWorkflow.class,
                    ShipmentWorkflow.workflowId(orderId, shipmentId)));
        } catch (WorkflowUpdateException refused) {
            throw problem(refused);
        } catch (WorkflowNotFoundException closed) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No shipment " + shipmentId + " of order " + orderId
                    + " is under way");
        }
    }

    /** Whether the workflow runs (true) or is closed (false); empty when it never started. */
    private Optional<Boolean> running(String workflowId) {
        try {
            return Optional.of(callDeadline.within(client.newUntypedWorkflowStub(workflowId)::describe).getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        } catch (WorkflowNotFoundException never) {
            return Optional.empty();
        }
    }

    private static RuntimeException problem(WorkflowUpdateException refused) {
        if (!(refused.getCause() instanceof ApplicationFailure failure)) {
            return new HttpStatusException(HttpStatus.CONFLICT, "The order refused the change");
        }
        String why = failure.getOriginalMessage();
        if (IllegalArgumentException.class.getName().equals(failure.getType())) {
            Matcher field = FIELD.matcher(why);
            return field.matches()
                    ? FieldProblem.of(HttpStatus.UNPROCESSABLE_ENTITY, field.group(1), field.group(2))
                    : new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, why);
        }
        // Where the order is, or the payment provider's refusal of a refund (OrderFailures.REFUND_REFUSED).
        return new HttpStatusException(HttpStatus.CONFLICT, why);
    }

    /** The order has no running workflow to take the change. */
    public static final class NoOrderWorkflow extends RuntimeException {

        NoOrderWorkflow(UUID orderId) {
            super("Order " + orderId + " takes no more changes", null, false, false);
        }
    }
}
