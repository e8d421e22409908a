package com.styleshepherd.workflows.order;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.UUID;

/**
 * An order's steps against PostgreSQL and the payment provider (task queue {@code checkout}). Every
 * method is idempotent: Temporal runs an activity at least once, so a retry finds its work done. The
 * order's columns are written here only, on the workflow's word: one writer per fact.
 */
@ActivityInterface
public interface OrderActivities {

    /** Reads the order's lines and payment, and records the captured amount and payment status SUCCEEDED. */
    OrderSnapshot openOrder(UUID orderId);

    /** Mirrors the workflow's status and payment status on the {@code orders} row. */
    void recordOrder(UUID orderId, OrderStatus status, OrderPaymentStatus paymentStatus);

    /** Puts units back in stock, once per {@code restockKey} and line. */
    void restock(UUID orderId, String restockKey, List<RestockLine> lines);

    /**
     * Refunds through the payment provider under the refund's idempotency key, recorded in
     * {@code order_refunds} and added to {@code orders.refunded_amount} once. Throws
     * {@link OrderFailures#REFUND_REFUSED} when the provider refuses it (nothing was refunded).
     */
    RefundOutcome refund(OrderRefund refund);

    /**
     * Records that a refund the provider had made failed later: FAILED, and its amount taken off the order's
     * refunded amount, once.
     */
    void recordRefundFailed(UUID orderId, String idempotencyKey, String reason);

    /** Records a return the workflow accepted (the {@code returns} row); a second call changes nothing. */
    void recordReturn(UUID orderId, String shopperId, OrderRequests.ReturnRequest request);

    /** Records a return's receipt and outcome on its row. */
    void recordReturnOutcome(OrderState.Return outcome);

    /**
     * Mirrors a shipment's step on its {@code shipments} row (created on its first step), with its carrier and
     * tracking number once known (null keeps what the row has).
     */
    void recordShipment(UUID orderId, OrderState.Shipment shipment, String carrier, String trackingNumber);
}
