package com.styleshepherd.workflows.order;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;

/**
 * One shipment of an order (an order may ship in parts): REQUESTED → LABEL_CREATED → SHIPPED →
 * DELIVERED, reported by ops or the carrier. A child of the {@link OrderWorkflow}, id
 * {@code order-{orderId}-shipment-{shipmentId}}. A shipment that stays at one step longer than its
 * {@link ShipmentStart#stuckAfter()} sets the {@code ShipmentStuck} search attribute and counts
 * {@code styleshepherd_shipment_stuck}.
 */
@WorkflowInterface
public interface ShipmentWorkflow {

    static String workflowId(UUID orderId, UUID shipmentId) {
        return OrderWorkflow.workflowId(orderId) + "-shipment-" + shipmentId;
    }

    @WorkflowMethod
    ShipmentState ship(ShipmentStart start);

    @QueryMethod
    ShipmentState state();

    /** The shipment reached a step; the step it is at already changes nothing (a repeated report). */
    @UpdateMethod
    ShipmentState report(ShipmentReport report);

    /** Refuses a step backwards or a skipped label, and any step once the shipment ended. */
    @UpdateValidatorMethod(updateName = "report")
    void validateReport(ShipmentReport report);

    /** The order was cancelled before this shipment left: it ends CANCELLED. */
    @SignalMethod
    void cancel();

    /**
     * Ops call this shipment off before it left (a label voided, a parcel never picked up): it ends CANCELLED and
     * tells its order, whose lines in it can ship again in another shipment. The shipment decides, so a carrier's
     * SHIPPED and a cancellation that cross are settled in one place.
     */
    @UpdateMethod
    ShipmentState callOff(String reason);

    /** Refuses a shipment that left already or ended. */
    @UpdateValidatorMethod(updateName = "callOff")
    void validateCallOff(String reason);
}
