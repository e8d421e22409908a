package com.styleshepherd.workflows.order;

import static com.styleshepherd.workflows.order.OrderSearchAttributes.ORDER_ID;
import static com.styleshepherd.workflows.order.OrderSearchAttributes.SHIPMENT_STUCK;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Waits for the shipment's steps; each wait is bounded by the policy's stuck time, after which ops are
 * alerted (search attribute and metric) and the wait goes on.
 */
public class ShipmentWorkflowImpl implements ShipmentWorkflow {

    private static final Logger LOG = Workflow.getLogger(ShipmentWorkflowImpl.class);
    static final String STUCK_METRIC = "styleshepherd_shipment_stuck";

    private final OrderActivities activities = Workflow.newActivityStub(OrderActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofMillis(500))
                            .setBackoffCoefficient(2)
                            .setMaximumInterval(Duration.ofSeconds(30))
                            .build())
                    .build());

    private ShipmentStart start;
    private ShipmentStep step = ShipmentStep.REQUESTED;
    private String carrier;
    private String trackingNumber;
    private boolean stuck;
    /** Counts the moves, so the wait knows one happened even if it ended where it started. */
    private int moves;

    @Override
    public ShipmentState ship(ShipmentStart start) {
        this.start = start;
        if (start.startsAt() != null) {
            step = start.startsAt();
        }
        Workflow.upsertTypedSearchAttributes(ORDER_ID.valueSet(start.orderId().toString()),
                SHIPMENT_STUCK.valueSet(false));
        while (!step.isFinal()) {
            int seen = moves;
            if (!Workflow.await(start.stuckAfter(), () -> moves != seen) && !stuck) {
                stuck = true;
                Workflow.upsertTypedSearchAttributes(SHIPMENT_STUCK.valueSet(true));
                Workflow.getMetricsScope().counter(STUCK_METRIC).inc(1);
                LOG.warn("Shipment {} of order {} has been {} for {}", start.shipmentId(), start.orderId(), step,
                        start.stuckAfter());
            }
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        return state();
    }

    @Override
    public ShipmentState state() {
        return new ShipmentState(start == null ? null : start.orderId(), start == null ? null : start.shipmentId(),
                start == null ? java.util.List.of() : start.lineIds(), step, carrier, trackingNumber, stuck);
    }

    @Override
    public void validateReport(ShipmentReport report) {
        if (report == null || report.step() == null) {
            throw new IllegalArgumentException("step is required");
        }
        if (report.step() == step) {
            return;
        }
        if (step.isFinal()) {
            throw new IllegalStateException("The shipment is " + step + ": it moves no further");
        }
        if (report.step() == ShipmentStep.REQUESTED || report.step() == ShipmentStep.CANCELLED
                || report.step().ordinal() < step.ordinal()) {
            throw new IllegalStateException("The shipment is " + step + ": it cannot become " + report.step());
        }
        if (report.step() != ShipmentStep.LABEL_CREATED && step == ShipmentStep.REQUESTED) {
            throw new IllegalStateException("The shipment has no label yet: LABEL_CREATED comes first");
        }
    }

    @Override
    public ShipmentState report(ShipmentReport report) {
        Workflow.await(() -> start != null);
        if (report.step() == step) {
            return state();
        }
        move(report.step());
        if (report.carrier() != null) {
            carrier = report.carrier();
        }
        if (report.trackingNumber() != null) {
            trackingNumber = report.trackingNumber();
        }
        activities.recordShipment(start.orderId(), new OrderState.Shipment(start.shipmentId(), start.lineIds(), step),
                carrier, trackingNumber);
        Workflow.newExternalWorkflowStub(OrderWorkflow.class, OrderWorkflow.workflowId(start.orderId()))
                .shipmentMoved(new OrderRequests.ShipmentMoved(start.shipmentId(), step));
        return state();
    }

    @Override
    public void validateCallOff(String reason) {
        if (step.hasLeft() || step.isFinal()) {
            throw new IllegalStateException("The shipment is " + step + ": it can no longer be called off");
        }
    }

    @Override
    public ShipmentState callOff(String reason) {
        Workflow.await(() -> start != null);
        LOG.info("Shipment {} of order {} called off at {}: {}", start.shipmentId(), start.orderId(), step, reason);
        move(ShipmentStep.CANCELLED);
        activities.recordShipment(start.orderId(), new OrderState.Shipment(start.shipmentId(), start.lineIds(), step),
                carrier, trackingNumber);
        Workflow.newExternalWorkflowStub(OrderWorkflow.class, OrderWorkflow.workflowId(start.orderId()))
                .shipmentMoved(new OrderRequests.ShipmentMoved(start.shipmentId(), step));
        return state();
    }

    @Override
    public void cancel() {
        if (!step.hasLeft() && !step.isFinal()) {
            move(ShipmentStep.CANCELLED);
            Workflow.await(() -> start != null);
            activities.recordShipment(start.orderId(), new OrderState.Shipment(start.shipmentId(), start.lineIds(),
                    step), null, null);
        }
    }

    private void move(ShipmentStep next) {
        step = next;
        moves++;
        if (stuck) {
            stuck = false;
            Workflow.upsertTypedSearchAttributes(SHIPMENT_STUCK.valueSet(false));
        }
    }
}
