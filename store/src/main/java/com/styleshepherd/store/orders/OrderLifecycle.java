package com.styleshepherd.store.orders;

import com.styleshepherd.store.events.EventType;
import com.styleshepherd.store.events.Outbox;
import com.styleshepherd.store.events.ReturnOpened;
import com.styleshepherd.store.events.StockEvents;
import com.styleshepherd.workflows.order.OrderLine;
import com.styleshepherd.workflows.order.OrderPaymentStatus;
import com.styleshepherd.workflows.order.OrderRefund;
import com.styleshepherd.workflows.order.OrderRequests;
import com.styleshepherd.workflows.order.OrderSnapshot;
import com.styleshepherd.workflows.order.OrderState;
import com.styleshepherd.workflows.order.OrderStatus;
import com.styleshepherd.workflows.order.RestockLine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * What the order workflow writes to PostgreSQL, through its activities: the order's status, payment status
 * and refunded amount, refunds, restocks, returns and shipments. Every write is idempotent.
 */
@Singleton
public class OrderLifecycle {

    private final OrderLifecycleRepository repository;
    private final Outbox outbox;
    private final StockEvents stockEvents;

    OrderLifecycle(OrderLifecycleRepository repository, Outbox outbox, StockEvents stockEvents) {
        this.repository = repository;
        this.outbox = outbox;
        this.stockEvents = stockEvents;
    }

    /** The order's lines and payment; records what the payment captured. */
    @Transactional
    public OrderSnapshot open(UUID orderId) {
        OrderLifecycleRepository.OrderMoney money = repository.findMoney(orderId)
                .orElseThrow(() -> new NoSuchElementException("No order " + orderId));
        // A payment is never less than the order; without one (data from before payments), the order's total.
        BigDecimal captured = money.paid() != null ? money.paid() : money.total();
        repository.recordCapture(orderId, captured);
        List<OrderLine> lines = repository.findLines(orderId).stream()
                .map(line -> new OrderLine(line.id(), line.lineNo(), line.productSizeId(), line.sku(), line.quantity(),
                        line.unitPrice(), line.lineTotal()))
                .toList();
        return new OrderSnapshot(money.paymentIntentId(), captured, money.currency(), lines);
    }

    /**
     * Orders placed before {@code placedBefore} that no order workflow has opened yet, at most {@code limit}, in
     * the order of their ids, after {@code after} (the last of the previous page; the nil UUID for the first).
     */
    @ReadOnly
    public List<OrderWithoutWorkflow> withoutWorkflow(Instant placedBefore, UUID after, int limit) {
        return repository.findWithoutWorkflow(placedBefore, after, limit).stream()
                .map(row -> new OrderWithoutWorkflow(row.id(), row.checkoutId(), row.userId(),
                        OrderStatus.valueOf(row.status())))
                .toList();
    }

    /** An order placed before orders had a workflow: its ids, and the status its row has. */
    public record OrderWithoutWorkflow(UUID orderId, UUID checkoutId, @Nullable String shopperId, OrderStatus status) {
    }

    /** Records the order's status as its workflow decided it; its first CANCELLED writes {@code OrderCancelled}. */
    @Transactional
    public void recordStatus(UUID orderId, OrderStatus status, OrderPaymentStatus paymentStatus) {
        boolean cancelledNow = status == OrderStatus.CANCELLED
                && !"CANCELLED".equals(repository.lockStatus(orderId).orElse(null));
        repository.recordStatus(orderId, status.name(), paymentStatus.name());
        if (cancelledNow) {
            Map<String, Object> data = new HashMap<>();
            data.put("orderId", orderId.toString());
            data.put("paymentStatus", paymentStatus.name());
            outbox.append(EventType.ORDER_CANCELLED, orderId, data);
        }
    }

    /** Puts units back in stock, once per key and line. */
    @Transactional
    public void restock(UUID orderId, String restockKey, List<RestockLine> lines) {
        for (RestockLine line : lines) {
            if (repository.restock(orderId, restockKey, line.lineId(), line.quantity()) == 1) {
                stockEvents.restocked(orderId, line.lineId(), line.quantity());
            }
        }
    }

    /** A refund's row, as it stands. */
    public record RefundEntry(String status, BigDecimal amount, String providerRefundId, String failureMessage) {
    }

    /**
     * Records a refund before the provider is called: PENDING, unless the key has one already (a retried
     * activity), which comes back as it is.
     *
     * @throws RefundRefused when the refunds of the order would add up to more than it captured
     */
    @Transactional
    public RefundEntry beginRefund(OrderRefund refund) {
        BigDecimal captured = repository.lockCaptured(refund.orderId())
                .orElseThrow(() -> new NoSuchElementException("No order " + refund.orderId()));
        Optional<OrderLifecycleRepository.RefundRow> existing = repository.findRefund(refund.idempotencyKey());
        if (existing.isPresent()) {
            return entry(existing.get());
        }
        BigDecimal committed = repository.committedRefunds(refund.orderId());
        if (committed.add(refund.amount()).compareTo(captured) > 0) {
            throw new RefundRefused("Refund " + refund.idempotencyKey() + " of " + refund.amount() + " would take the "
                    + "order's refunds past the " + captured + " captured (" + committed + " refunded or pending)");
        }
        return entry(repository.save(new OrderLifecycleRepository.RefundRow(UUID.randomUUID(), refund.orderId(),
                refund.idempotencyKey(), refund.returnId(), refund.amount(), refund.currency(), refund.reason(),
                "PENDING", null, null)));
    }

    /**
     * The provider made the refund: SUCCEEDED, and its amount added to the order's refunded amount once, with its
     * {@code PaymentRefunded} event.
     */
    @Transactional
    public void refundSucceeded(OrderRefund refund, String providerRefundId) {
        if (repository.succeed(refund.idempotencyKey(), providerRefundId) == 1) {
            repository.addRefunded(refund.orderId(), refund.amount());
            Map<String, Object> data = new HashMap<>();
            data.put("orderId", refund.orderId().toString());
            data.put("refundKey", refund.idempotencyKey());
            data.put("providerRefundId", providerRefundId);
            data.put("amount", refund.amount().toPlainString());
            data.put("currency", refund.currency());
            data.put("reason", refund.reason());
            data.put("returnId", refund.returnId() == null ? null : refund.returnId().toString());
            outbox.append(EventType.PAYMENT_REFUNDED, refund.orderId(), data);
        }
    }

    /** The provider refused the refund: FAILED, nothing added. */
    @Transactional
    public void refundFailed(OrderRefund refund, String message) {
        repository.fail(refund.idempotencyKey(), message);
    }

    /** A refund that had succeeded failed at the provider: FAILED, its amount taken off the order's, once. */
    @Transactional
    public void refundFailedLater(UUID orderId, String idempotencyKey, String message) {
        repository.lockCaptured(orderId);
        Optional<OrderLifecycleRepository.RefundRow> refund = repository.findRefund(idempotencyKey);
        if (refund.isPresent() && repository.failAfterSuccess(idempotencyKey, message) == 1) {
            repository.addRefunded(orderId, refund.get().amount().negate());
        }
    }

    /** The order and idempotency key of the refund the provider calls {@code providerRefundId}. */
    @ReadOnly
    public Optional<RefundOwner> findByProviderRefundId(String providerRefundId) {
        return repository.findByProviderRefundId(providerRefundId)
                .map(row -> new RefundOwner(row.orderId(), row.idempotencyKey()));
    }

    /** Which order a provider's refund belongs to, under which key. */
    public record RefundOwner(UUID orderId, String idempotencyKey) {
    }

    /** Records the return the order's workflow accepted, once, with its {@code ReturnOpened} event. */
    @Transactional
    public void recordReturn(UUID orderId, String shopperId, OrderRequests.ReturnRequest request) {
        if (repository.insertReturn(request.returnId(), orderId, request.lineId(), shopperId, request.quantity(),
                request.reason(), request.comment()) == 1) {
            outbox.append(EventType.RETURN_OPENED, orderId, ReturnOpened.data(request.returnId(), orderId,
                    request.lineId(), shopperId, request.quantity(), request.reason()));
        }
    }

    @Transactional
    public void recordReturnOutcome(OrderState.Return outcome) {
        repository.recordReturnOutcome(outcome.returnId(), outcome.status().name(),
                outcome.condition() == null ? null : outcome.condition().name(), outcome.refundAmount());
    }

    @Transactional
    public void recordShipment(UUID orderId, OrderState.Shipment shipment, @Nullable String carrier,
            @Nullable String trackingNumber) {
        repository.upsertShipment(shipment.shipmentId(), orderId, shipment.step().name(),
                shipment.lineIds().stream().map(UUID::toString).toArray(String[]::new), carrier, trackingNumber);
    }

    private static RefundEntry entry(OrderLifecycleRepository.RefundRow row) {
        return new RefundEntry(row.status(), row.amount(), row.providerRefundId(), row.failureMessage());
    }
}
