package com.styleshepherd.workflows.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The changes an {@link OrderWorkflow} takes, one record per update. */
public final class OrderRequests {

    private OrderRequests() {
    }

    /** The shopper cancels before the order ships. */
    public record Cancel(String reason) {
    }

    /** Ops start a shipment of some of the order's lines (all the lines not shipped yet when empty). */
    public record NewShipment(UUID shipmentId, List<UUID> lineIds) {
        public NewShipment {
            lineIds = lineIds == null ? List.of() : List.copyOf(lineIds);
        }
    }

    /** The shopper asks to return {@code quantity} units of a line of a delivered order. */
    public record ReturnRequest(UUID returnId, UUID lineId, int quantity, String reason, String comment) {
    }

    /** Ops received a return's units, in this condition: restock and refund follow. */
    public record ReturnReceipt(UUID returnId, ReturnCondition condition) {
    }

    /**
     * Ops refund an amount of the order (goodwill, a price adjustment; the rest of it for a full refund).
     *
     * @param refundKey the caller's idempotency key: the same key is the same refund
     */
    public record Refund(String refundKey, BigDecimal amount, String reason) {
    }

    /**
     * The payment provider failed a refund it had accepted (Stripe's {@code refund.updated} with status
     * {@code failed}): the money did not go back.
     */
    public record RefundFailed(String idempotencyKey, String reason) {
    }

    /** A shipment moved (its workflow tells the order). */
    public record ShipmentMoved(UUID shipmentId, ShipmentStep step) {
    }
}
