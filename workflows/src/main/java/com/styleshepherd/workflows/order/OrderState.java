package com.styleshepherd.workflows.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as its workflow holds it: what the query answers and every update returns.
 *
 * @param refunded the sum of the refunds that succeeded; never more than {@code captured}
 * @param returnWindowClosesAt when returns stop being taken; null until the order is delivered
 */
public record OrderState(
        UUID orderId, OrderStatus status, OrderPaymentStatus paymentStatus, BigDecimal captured, BigDecimal refunded,
        String currency, List<OrderLine> lines, List<Shipment> shipments, List<Return> returns,
        List<Refund> refunds, Instant returnWindowClosesAt, boolean returnWindowOpen) {

    /** A part of the order on its way (its own {@link ShipmentWorkflow}). */
    public record Shipment(UUID shipmentId, List<UUID> lineIds, ShipmentStep step) {
    }

    /** A return of (some units of) one line. */
    public record Return(UUID returnId, UUID lineId, int quantity, ReturnStatus status, ReturnCondition condition,
            BigDecimal refundAmount) {
    }

    /** A refund asked of the payment provider, under its idempotency key. */
    public record Refund(String idempotencyKey, BigDecimal amount, String reason, String status) {
    }
}
