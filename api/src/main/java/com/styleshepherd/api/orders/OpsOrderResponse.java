package com.styleshepherd.api.orders;

import com.styleshepherd.workflows.order.OrderState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as its workflow holds it (what the Temporal UI shows for {@code order-{orderId}}): status,
 * payment status, money, shipments, returns and refunds. Money as decimal strings.
 *
 * @param captured what the payment took; {@code refunded} never exceeds it
 * @param returnWindowClosesAt when returns stop being taken; absent until the order is delivered
 */
@Serdeable
public record OpsOrderResponse(
        UUID orderId, String status, String paymentStatus, String captured, String refunded, String currency,
        List<Line> lines, List<Shipment> shipments, List<Return> returns, List<Refund> refunds,
        @Nullable Instant returnWindowClosesAt, boolean returnWindowOpen) {

    @Serdeable
    public record Line(UUID lineId, int lineNo, String sku, int quantity, String unitPrice, String lineTotal) {
    }

    /** @param step REQUESTED, LABEL_CREATED, SHIPPED, DELIVERED or CANCELLED */
    @Serdeable
    public record Shipment(UUID shipmentId, List<UUID> lineIds, String step) {
    }

    /**
     * @param status REQUESTED, RECEIVED, REFUNDED, REJECTED (unreturnable) or EXPIRED (never received in time)
     * @param condition RESELLABLE, DAMAGED or UNRETURNABLE, once received
     */
    @Serdeable
    public record Return(UUID returnId, UUID lineId, int quantity, String status, @Nullable String condition,
            @Nullable String refundAmount) {
    }

    /** @param idempotencyKey the key the payment provider saw */
    @Serdeable
    public record Refund(String idempotencyKey, String amount, String reason, String status) {
    }

    static OpsOrderResponse of(OrderState state) {
        return new OpsOrderResponse(state.orderId(), state.status().name(), state.paymentStatus().name(),
                state.captured().toPlainString(), state.refunded().toPlainString(), state.currency(),
                state.lines().stream().map(line -> new Line(line.lineId(), line.lineNo(), line.sku(), line.quantity(),
                        line.unitPrice().toPlainString(), line.lineTotal().toPlainString())).toList(),
                state.shipments().stream().map(shipment -> new Shipment(shipment.shipmentId(), shipment.lineIds(),
                        shipment.step().name())).toList(),
                state.returns().stream().map(r -> new Return(r.returnId(), r.lineId(), r.quantity(), r.status().name(),
                        r.condition() == null ? null : r.condition().name(),
                        r.refundAmount() == null ? null : r.refundAmount().toPlainString())).toList(),
                state.refunds().stream().map(refund -> new Refund(refund.idempotencyKey(),
                        refund.amount().toPlainString(), refund.reason(), refund.status())).toList(),
                state.returnWindowClosesAt(), state.returnWindowOpen());
    }
}
