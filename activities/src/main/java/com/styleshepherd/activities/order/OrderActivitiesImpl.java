package com.styleshepherd.activities.order;

import com.styleshepherd.payments.PaymentGateway;
import com.styleshepherd.payments.PaymentProviderException;
import com.styleshepherd.payments.ProviderRefund;
import com.styleshepherd.store.orders.OrderLifecycle;
import com.styleshepherd.store.orders.RefundRefused;
import com.styleshepherd.workflows.order.OrderActivities;
import com.styleshepherd.workflows.order.OrderFailures;
import com.styleshepherd.workflows.order.OrderPaymentStatus;
import com.styleshepherd.workflows.order.OrderRefund;
import com.styleshepherd.workflows.order.OrderRequests;
import com.styleshepherd.workflows.order.OrderSnapshot;
import com.styleshepherd.workflows.order.OrderState;
import com.styleshepherd.workflows.order.OrderStatus;
import com.styleshepherd.workflows.order.RefundOutcome;
import com.styleshepherd.workflows.order.RestockLine;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The order's steps against PostgreSQL and the configured {@link PaymentGateway}; see {@link OrderActivities}. */
@Singleton
public class OrderActivitiesImpl implements OrderActivities {

    private static final Logger LOG = LoggerFactory.getLogger(OrderActivitiesImpl.class);

    private final OrderLifecycle orders;
    private final PaymentGateway gateway;
    OrderActivitiesImpl(OrderLifecycle orders, PaymentGateway gateway) {
        this.orders = orders;
        this.gateway = gateway;
    }

    @Override
    public OrderSnapshot openOrder(UUID orderId) {
        return orders.open(orderId);
    }

    @Override
    public void recordOrder(UUID orderId, OrderStatus status, OrderPaymentStatus paymentStatus) {
        orders.recordStatus(orderId, status, paymentStatus);
    }

    @Override
    public void restock(UUID orderId, String restockKey, List<RestockLine> lines) {
        orders.restock(orderId, restockKey, lines);
    }

    /**
     * Row first, provider second, outcome last: a crash anywhere repeats the provider call with the same key,
     * which the provider answers with the refund it made, so the money moves once.
     */
    @Override
    public RefundOutcome refund(OrderRefund refund) {
        OrderLifecycle.RefundEntry entry;
        try {
            entry = orders.beginRefund(refund);
        } catch (RefundRefused tooMuch) {
            throw ApplicationFailure.newNonRetryableFailure(tooMuch.getMessage(), OrderFailures.REFUND_REFUSED);
        }
        if ("SUCCEEDED".equals(entry.status())) {
            return new RefundOutcome(entry.providerRefundId(), entry.amount());
        }
        if ("FAILED".equals(entry.status())) {
            throw ApplicationFailure.newNonRetryableFailure(entry.failureMessage(), OrderFailures.REFUND_REFUSED);
        }
        ProviderRefund made;
        try {
            made = gateway.refundAmount(refund.paymentIntentId(), refund.amount(), refund.currency(),
                    refund.idempotencyKey());
        } catch (PaymentProviderException e) {
            if (e.retryable()) {
                throw e;
            }
            orders.refundFailed(refund, e.getMessage());
            throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), OrderFailures.REFUND_REFUSED, e);
        }
        orders.refundSucceeded(refund, made.id());
        LOG.info("Refunded {} {} of order {} ({}, key {}): {}", refund.amount(), refund.currency(), refund.orderId(),
                refund.reason(), refund.idempotencyKey(), made.id());
        return new RefundOutcome(made.id(), refund.amount());
    }

    @Override
    public void recordRefundFailed(UUID orderId, String idempotencyKey, String reason) {
        orders.refundFailedLater(orderId, idempotencyKey, reason);
    }

    @Override
    public void recordReturn(UUID orderId, String shopperId, OrderRequests.ReturnRequest request) {
        orders.recordReturn(orderId, shopperId, request);
    }

    @Override
    public void recordReturnOutcome(OrderState.Return outcome) {
        orders.recordReturnOutcome(outcome);
    }

    @Override
    public void recordShipment(UUID orderId, OrderState.Shipment shipment, String carrier, String trackingNumber) {
        orders.recordShipment(orderId, shipment, carrier, trackingNumber);
    }
}
