package com.styleshepherd.workflows.order;

import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The order's activities against an in-memory shop and payment provider that behave like the real ones:
 * a refund key is refunded once, refunds past the capture are refused, a restock key restocks once.
 */
class FakeOrderActivities implements OrderActivities {

    static final UUID DRESS = UUID.fromString("00000000-0000-0000-0000-00000000d1e5");
    static final UUID SOCKS = UUID.fromString("00000000-0000-0000-0000-000000005c25");
    static final BigDecimal CAPTURED = new BigDecimal("139.00");

    final Map<String, BigDecimal> refundsByKey = new ConcurrentHashMap<>();
    /** Every provider call, including repeats under a key already refunded. */
    final List<String> providerCalls = new CopyOnWriteArrayList<>();
    final Map<String, Integer> restocked = new ConcurrentHashMap<>();
    final Map<UUID, OrderStatus> orderRows = new ConcurrentHashMap<>();
    final Map<UUID, OrderState.Return> returnRows = new ConcurrentHashMap<>();
    final Map<UUID, ShipmentStep> shipmentRows = new ConcurrentHashMap<>();
    volatile long refundMillis;
    volatile boolean providerRefuses;

    @Override
    public OrderSnapshot openOrder(UUID orderId) {
        return new OrderSnapshot("pi_test_1", CAPTURED, "USD", List.of(
                new OrderLine(DRESS, 1, 71, "SS-DRS-0007", 1, new BigDecimal("89.00"), new BigDecimal("89.00")),
                new OrderLine(SOCKS, 2, 12, "SS-SCK-0001", 2, new BigDecimal("25.00"), new BigDecimal("50.00"))));
    }

    @Override
    public void recordOrder(UUID orderId, OrderStatus status, OrderPaymentStatus paymentStatus) {
        orderRows.put(orderId, status);
    }

    @Override
    public void restock(UUID orderId, String restockKey, List<RestockLine> lines) {
        for (RestockLine line : lines) {
            restocked.putIfAbsent(restockKey + "/" + line.lineId(), line.quantity());
        }
    }

    @Override
    public synchronized RefundOutcome refund(OrderRefund refund) {
        providerCalls.add(refund.idempotencyKey());
        sleep(refundMillis);
        if (providerRefuses) {
            throw ApplicationFailure.newNonRetryableFailure("card_declined", OrderFailures.REFUND_REFUSED);
        }
        BigDecimal made = refundsByKey.get(refund.idempotencyKey());
        if (made != null) {
            return new RefundOutcome("re_" + refund.idempotencyKey(), made);
        }
        if (refunded().add(refund.amount()).compareTo(CAPTURED) > 0) {
            throw ApplicationFailure.newNonRetryableFailure("amount_too_large", OrderFailures.REFUND_REFUSED);
        }
        refundsByKey.put(refund.idempotencyKey(), refund.amount());
        return new RefundOutcome("re_" + refund.idempotencyKey(), refund.amount());
    }

    BigDecimal refunded() {
        return refundsByKey.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public void recordRefundFailed(UUID orderId, String idempotencyKey, String reason) {
        refundsByKey.remove(idempotencyKey);
    }

    @Override
    public void recordReturn(UUID orderId, String shopperId, OrderRequests.ReturnRequest request) {
        returnRows.put(request.returnId(), new OrderState.Return(request.returnId(), request.lineId(),
                request.quantity(), ReturnStatus.REQUESTED, null, null));
    }

    @Override
    public void recordReturnOutcome(OrderState.Return outcome) {
        returnRows.put(outcome.returnId(), outcome);
    }

    @Override
    public void recordShipment(UUID orderId, OrderState.Shipment shipment, String carrier, String trackingNumber) {
        shipmentRows.put(shipment.shipmentId(), shipment.step());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
