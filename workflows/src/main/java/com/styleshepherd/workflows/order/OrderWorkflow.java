package com.styleshepherd.workflows.order;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;

/**
 * One order, from the moment the checkout placed it until it is closed (delivered and its return window
 * over, cancelled, or refunded in full). Workflow id {@code order-{orderId}}, task queue {@code checkout};
 * started by the checkout as an abandoned child. Every change is an update whose validator refuses an
 * invalid change with a reason before anything is written, so a change is applied whole or not at all.
 */
@WorkflowInterface
public interface OrderWorkflow {

    static String workflowId(UUID orderId) {
        return "order-" + orderId;
    }

    @WorkflowMethod
    OrderState run(OrderStart start);

    @QueryMethod
    OrderState state();

    /** Cancels the order before it ships: stock goes back and the payment is refunded in full. */
    @UpdateMethod
    OrderState cancel(OrderRequests.Cancel cancel);

    @UpdateValidatorMethod(updateName = "cancel")
    void validateCancel(OrderRequests.Cancel cancel);

    /** Starts a shipment of some lines, as a child {@link ShipmentWorkflow}. */
    @UpdateMethod
    OrderState createShipment(OrderRequests.NewShipment shipment);

    @UpdateValidatorMethod(updateName = "createShipment")
    void validateCreateShipment(OrderRequests.NewShipment shipment);

    /** A shopper's return of units of a delivered line, within the return window. */
    @UpdateMethod
    OrderState requestReturn(OrderRequests.ReturnRequest request);

    @UpdateValidatorMethod(updateName = "requestReturn")
    void validateRequestReturn(OrderRequests.ReturnRequest request);

    /** The warehouse received a return: restock when the condition allows, refund the line's units. */
    @UpdateMethod
    OrderState receiveReturn(OrderRequests.ReturnReceipt receipt);

    @UpdateValidatorMethod(updateName = "receiveReturn")
    void validateReceiveReturn(OrderRequests.ReturnReceipt receipt);

    /** An ops refund of part (or the rest) of what was captured. */
    @UpdateMethod
    OrderState refund(OrderRequests.Refund refund);

    @UpdateValidatorMethod(updateName = "refund")
    void validateRefund(OrderRequests.Refund refund);

    /** From the payment provider's webhook: a refund it had accepted failed later. */
    @SignalMethod
    void refundFailed(OrderRequests.RefundFailed failed);

    /** From a {@link ShipmentWorkflow} of this order: it moved. */
    @SignalMethod
    void shipmentMoved(OrderRequests.ShipmentMoved moved);
}
