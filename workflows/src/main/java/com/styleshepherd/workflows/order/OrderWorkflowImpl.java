package com.styleshepherd.workflows.order;

import static com.styleshepherd.workflows.order.OrderSearchAttributes.ORDER_ID;
import static com.styleshepherd.workflows.order.OrderSearchAttributes.ORDER_STATUS;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * The order's life after checkout. The workflow method waits: for delivery (then for the return window,
 * a durable timer, and the returns still open), or for a cancellation or a full refund. Everything else
 * arrives as an update; each validator decides on the state as it is, and each handler first reserves
 * what it will change (units, money) so that a second update running meanwhile sees it taken.
 */
public class OrderWorkflowImpl implements OrderWorkflow {

    private static final Logger LOG = Workflow.getLogger(OrderWorkflowImpl.class);

    /**
     * Change id: after the window, returns asked for in time are awaited for the policy's receipt grace only;
     * those not received then expire and the order completes. Runs started before wait for them without end.
     */
    static final String RETURNS_EXPIRE = "returns-expire";

    private static final RetryOptions BACKOFF = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(500))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofSeconds(30))
            .build();

    /**
     * Database steps and refunds: retried until they succeed (a refund carries its idempotency key, so a
     * retry never refunds twice); a refusal by the provider is not retried.
     */
    private final OrderActivities activities = Workflow.newActivityStub(OrderActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder(BACKOFF)
                            .setDoNotRetry(OrderFailures.REFUND_REFUSED)
                            .build())
                    .build());

    private OrderStart start;
    private OrderStatus status = OrderStatus.PLACED;
    private OrderPaymentStatus paymentStatus = OrderPaymentStatus.SUCCEEDED;
    private String paymentIntentId;
    private BigDecimal captured = BigDecimal.ZERO;
    private BigDecimal refunded = BigDecimal.ZERO;
    /** Money promised to refunds still running: a new refund fits in what is left of captured after these. */
    private BigDecimal refundsRunning = BigDecimal.ZERO;
    private String currency;
    private List<OrderLine> lines = List.of();
    private final Map<UUID, OrderState.Shipment> shipments = new LinkedHashMap<>();
    private final Map<UUID, OrderState.Return> returns = new LinkedHashMap<>();
    private final List<OrderState.Refund> refunds = new ArrayList<>();
    /** Refund keys already used: the same ops key twice is the same refund, not a second one. */
    private final Set<String> refundKeys = new HashSet<>();
    private boolean cancelling;
    private Instant returnWindowClosesAt;
    private boolean returnWindowOpen;

    @Override
    public OrderState run(OrderStart start) {
        this.start = start;
        Workflow.upsertTypedSearchAttributes(ORDER_ID.valueSet(start.orderId().toString()),
                ORDER_STATUS.valueSet(status.name()));
        OrderSnapshot snapshot = activities.openOrder(start.orderId());
        paymentIntentId = snapshot.paymentIntentId();
        captured = snapshot.captured();
        currency = snapshot.currency();
        lines = snapshot.lines();
        if (start.adoptedAt() != null) {
            adopt(start.adoptedAt());
        }

        Workflow.await(() -> status == OrderStatus.DELIVERED || status.isFinal());
        if (status == OrderStatus.DELIVERED) {
            // The window is a durable timer: it closes on time whatever happens to the workers meanwhile.
            Duration window = start.policy().returnWindow();
            returnWindowClosesAt = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(window);
            returnWindowOpen = true;
            Workflow.await(window, () -> status.isFinal());
            returnWindowOpen = false;
            // Returns asked for in time are still received and refunded after the window, within the grace.
            if (Workflow.getVersion(RETURNS_EXPIRE, Workflow.DEFAULT_VERSION, 1) >= 1) {
                boolean allSettled = Workflow.await(start.policy().returnReceiptGrace(),
                        () -> status.isFinal() || returns.values().stream().allMatch(OrderWorkflowImpl::settled));
                if (!allSettled) {
                    expireReturnsNotReceived();
                }
            }
            Workflow.await(() -> status.isFinal() || returns.values().stream().allMatch(OrderWorkflowImpl::settled));
            if (!status.isFinal()) {
                setStatus(OrderStatus.COMPLETED);
            }
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        LOG.info("Order {} closed {} ({}, refunded {} of {})", start.orderId(), status, paymentStatus, refunded, captured);
        return state();
    }

    @Override
    public OrderState state() {
        return new OrderState(start == null ? null : start.orderId(), status, paymentStatus, captured, refunded,
                currency, lines, List.copyOf(shipments.values()), List.copyOf(returns.values()), List.copyOf(refunds),
                returnWindowClosesAt, returnWindowOpen);
    }

    // ---- cancellation ------------------------------------------------------------------------------

    @Override
    public void validateCancel(OrderRequests.Cancel cancel) {
        if (!opened()) {
            return;
        }
        if (cancelling || status == OrderStatus.CANCELLED) {
            throw refused("The order is cancelled already");
        }
        if (shipments.values().stream().anyMatch(shipment -> shipment.step().hasLeft())) {
            throw refused("The order has shipped: it can no longer be cancelled; return it once delivered instead");
        }
        if (status != OrderStatus.PLACED && status != OrderStatus.PARTIALLY_SHIPPED) {
            throw refused("The order is " + status + ": it can no longer be cancelled");
        }
    }

    @Override
    public OrderState cancel(OrderRequests.Cancel cancel) {
        judgeOnceOpened(() -> validateCancel(cancel));
        cancelling = true;
        LOG.info("Order {} cancelled: {}", start.orderId(), cancel.reason());
        for (OrderState.Shipment shipment : List.copyOf(shipments.values())) {
            if (!shipment.step().isFinal()) {
                Workflow.newExternalWorkflowStub(ShipmentWorkflow.class,
                        ShipmentWorkflow.workflowId(start.orderId(), shipment.shipmentId())).cancel();
                shipments.put(shipment.shipmentId(), new OrderState.Shipment(shipment.shipmentId(), shipment.lineIds(),
                        ShipmentStep.CANCELLED));
            }
        }
        activities.restock(start.orderId(), "cancel-" + start.orderId(),
                lines.stream().map(line -> new RestockLine(line.lineId(), line.quantity())).toList());
        BigDecimal rest = captured.subtract(refunded).subtract(refundsRunning);
        if (rest.signum() > 0) {
            try {
                // Keyed by the order: however often this runs, the provider refunds the cancellation once.
                moveMoney("refund-" + start.orderId() + "-cancel", rest, "CANCELLED", null);
            } catch (ApplicationFailure refusedByProvider) {
                // The order is cancelled all the same (its stock is back); REFUND_FAILED tells ops to pay it back.
                LOG.error("Order {} cancelled but not refunded: {}", start.orderId(), refusedByProvider.getMessage());
            }
        }
        setStatus(OrderStatus.CANCELLED);
        return state();
    }

    // ---- shipments ---------------------------------------------------------------------------------

    @Override
    public void validateCreateShipment(OrderRequests.NewShipment shipment) {
        if (!opened()) {
            return;
        }
        if (shipment.shipmentId() == null) {
            throw new IllegalArgumentException("shipmentId is required");
        }
        if (cancelling || status.isFinal() || status == OrderStatus.DELIVERED) {
            throw refused("The order is " + (cancelling ? OrderStatus.CANCELLED : status) + ": nothing more ships");
        }
        if (shipments.containsKey(shipment.shipmentId())) {
            throw refused("Shipment " + shipment.shipmentId() + " exists already");
        }
        Set<UUID> unshipped = unshippedLines();
        if (unshipped.isEmpty()) {
            throw refused("Every line of the order is in a shipment already");
        }
        for (UUID lineId : shipment.lineIds()) {
            if (lines.stream().noneMatch(line -> line.lineId().equals(lineId))) {
                throw new IllegalArgumentException("lineIds: the order has no line " + lineId);
            }
            if (!unshipped.contains(lineId)) {
                throw refused("Line " + lineId + " is in another shipment already");
            }
        }
    }

    @Override
    public OrderState createShipment(OrderRequests.NewShipment request) {
        judgeOnceOpened(() -> validateCreateShipment(request));
        List<UUID> lineIds = request.lineIds().isEmpty() ? List.copyOf(unshippedLines()) : request.lineIds();
        startShipment(new OrderState.Shipment(request.shipmentId(), lineIds, ShipmentStep.REQUESTED));
        return state();
    }

    /** Records the shipment and starts its child workflow at the shipment's step; returns once the child runs. */
    private void startShipment(OrderState.Shipment shipment) {
        shipments.put(shipment.shipmentId(), shipment);
        activities.recordShipment(start.orderId(), shipment, null, null);
        ShipmentWorkflow child = Workflow.newChildWorkflowStub(ShipmentWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(ShipmentWorkflow.workflowId(start.orderId(), shipment.shipmentId()))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
        Async.function(child::ship, new ShipmentStart(start.orderId(), shipment.shipmentId(), shipment.lineIds(),
                start.policy().shipmentStuckAfter(),
                shipment.step() == ShipmentStep.REQUESTED ? null : shipment.step()));
        // Answer once the child runs, so the caller can report its steps right away.
        Workflow.getWorkflowExecution(child).get();
    }

    /**
     * An order placed before orders had a workflow takes up where its row stood: a shipped one travels in one
     * shipment already under way (id derived from the order, so carriers and ops can report its delivery), a
     * delivered one opens its return window now.
     */
    private void adopt(OrderStatus adoptedAt) {
        LOG.info("Order {} adopted at {}", start.orderId(), adoptedAt);
        switch (adoptedAt) {
            case PLACED -> {
            }
            case SHIPPED -> {
                startShipment(new OrderState.Shipment(adoptedShipmentId(start.orderId()),
                        lines.stream().map(OrderLine::lineId).toList(), ShipmentStep.SHIPPED));
                setStatus(fulfilment());
            }
            case DELIVERED -> setStatus(OrderStatus.DELIVERED);
            default -> throw ApplicationFailure.newNonRetryableFailure(
                    "An order is adopted at PLACED, SHIPPED or DELIVERED, not " + adoptedAt, "BadAdoption");
        }
    }

    /** The one shipment of an order adopted while shipped. */
    public static UUID adoptedShipmentId(UUID orderId) {
        return UUID.nameUUIDFromBytes(("adopted-shipment-" + orderId).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void shipmentMoved(OrderRequests.ShipmentMoved moved) {
        OrderState.Shipment shipment = shipments.get(moved.shipmentId());
        if (shipment == null || shipment.step().isFinal() || moved.step().ordinal() <= shipment.step().ordinal()) {
            return;
        }
        shipments.put(shipment.shipmentId(), new OrderState.Shipment(shipment.shipmentId(), shipment.lineIds(),
                moved.step()));
        if (status.isFinal() || cancelling) {
            return;
        }
        OrderStatus next = fulfilment();
        if (next != status) {
            setStatus(next);
        }
    }

    /** What the shipments say of the order: shipped once every line left, delivered once every line arrived. */
    private OrderStatus fulfilment() {
        boolean everyLineShipped = unshippedLines().isEmpty();
        List<OrderState.Shipment> live = shipments.values().stream()
                .filter(shipment -> shipment.step() != ShipmentStep.CANCELLED).toList();
        if (everyLineShipped && live.stream().allMatch(shipment -> shipment.step() == ShipmentStep.DELIVERED)) {
            return OrderStatus.DELIVERED;
        }
        if (everyLineShipped && live.stream().allMatch(shipment -> shipment.step().hasLeft())) {
            return OrderStatus.SHIPPED;
        }
        return live.stream().anyMatch(shipment -> shipment.step().hasLeft())
                ? OrderStatus.PARTIALLY_SHIPPED : OrderStatus.PLACED;
    }

    private Set<UUID> unshippedLines() {
        Set<UUID> unshipped = new java.util.LinkedHashSet<>();
        lines.forEach(line -> unshipped.add(line.lineId()));
        shipments.values().stream().filter(shipment -> shipment.step() != ShipmentStep.CANCELLED)
                .forEach(shipment -> unshipped.removeAll(shipment.lineIds()));
        return unshipped;
    }

    // ---- returns -----------------------------------------------------------------------------------

    @Override
    public void validateRequestReturn(OrderRequests.ReturnRequest request) {
        if (!opened()) {
            return;
        }
        if (request.returnId() == null || request.lineId() == null) {
            throw new IllegalArgumentException("returnId and lineId are required");
        }
        OrderLine line = lines.stream().filter(candidate -> candidate.lineId().equals(request.lineId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("lineId: the order has no line " + request.lineId()));
        if (status != OrderStatus.DELIVERED || cancelling) {
            throw refused("The order is " + status + ": only delivered orders can be returned");
        }
        if (!returnWindowOpen) {
            throw refused("The return window closed at " + returnWindowClosesAt);
        }
        if (returns.values().stream().anyMatch(other -> other.lineId().equals(request.lineId()))) {
            throw refused("Line " + request.lineId() + " has a return already");
        }
        if (request.quantity() < 1 || request.quantity() > line.quantity()) {
            throw new IllegalArgumentException("quantity: the line holds " + line.quantity() + " unit(s), not "
                    + request.quantity());
        }
    }

    @Override
    public OrderState requestReturn(OrderRequests.ReturnRequest request) {
        judgeOnceOpened(() -> validateRequestReturn(request));
        OrderState.Return requested = new OrderState.Return(request.returnId(), request.lineId(), request.quantity(),
                ReturnStatus.REQUESTED, null, null);
        returns.put(request.returnId(), requested);
        activities.recordReturn(start.orderId(), start.shopperId(), request);
        return state();
    }

    @Override
    public void validateReceiveReturn(OrderRequests.ReturnReceipt receipt) {
        if (!opened()) {
            return;
        }
        if (receipt.returnId() == null || receipt.condition() == null) {
            throw new IllegalArgumentException("returnId and condition are required");
        }
        OrderState.Return requested = returns.get(receipt.returnId());
        if (requested == null) {
            throw new IllegalArgumentException("returnId: the order has no return " + receipt.returnId());
        }
        if (requested.status() != ReturnStatus.REQUESTED) {
            throw refused("Return " + receipt.returnId() + " is " + requested.status() + " already");
        }
    }

    @Override
    public OrderState receiveReturn(OrderRequests.ReturnReceipt receipt) {
        judgeOnceOpened(() -> validateReceiveReturn(receipt));
        OrderState.Return requested = returns.get(receipt.returnId());
        OrderLine line = line(requested.lineId());
        BigDecimal amount = receipt.condition().refunds() ? line.amountFor(requested.quantity()) : BigDecimal.ZERO;
        OrderState.Return received = new OrderState.Return(requested.returnId(), requested.lineId(),
                requested.quantity(), ReturnStatus.RECEIVED, receipt.condition(), amount);
        returns.put(received.returnId(), received);
        activities.recordReturnOutcome(received);
        if (receipt.condition().restocks()) {
            activities.restock(start.orderId(), "return-" + received.returnId(),
                    List.of(new RestockLine(received.lineId(), received.quantity())));
        }
        ReturnStatus outcome = ReturnStatus.REJECTED;
        BigDecimal paid = BigDecimal.ZERO;
        if (amount.signum() > 0) {
            // Never more than what is left of the capture (an ops refund may have paid part of it already).
            paid = amount.min(captured.subtract(refunded).subtract(refundsRunning));
            if (paid.signum() > 0) {
                moveMoney("refund-" + received.returnId(), paid, "RETURN", received.returnId());
            }
            outcome = ReturnStatus.REFUNDED;
        }
        OrderState.Return settled = new OrderState.Return(received.returnId(), received.lineId(), received.quantity(),
                outcome, receipt.condition(), paid);
        returns.put(settled.returnId(), settled);
        activities.recordReturnOutcome(settled);
        return state();
    }

    private static boolean settled(OrderState.Return candidate) {
        return candidate.status() == ReturnStatus.REFUNDED || candidate.status() == ReturnStatus.REJECTED
                || candidate.status() == ReturnStatus.EXPIRED;
    }

    /**
     * The returns still only asked for when the grace ends never arrived: they expire (nothing restocked, nothing
     * refunded), so the order can complete. A receipt already being handled has left REQUESTED and settles itself.
     */
    private void expireReturnsNotReceived() {
        for (OrderState.Return asked : List.copyOf(returns.values())) {
            if (asked.status() == ReturnStatus.REQUESTED) {
                OrderState.Return expired = new OrderState.Return(asked.returnId(), asked.lineId(), asked.quantity(),
                        ReturnStatus.EXPIRED, null, BigDecimal.ZERO);
                returns.put(expired.returnId(), expired);
                LOG.info("Order {}: return {} was not received within {} of the window closing: expired",
                        start.orderId(), expired.returnId(), start.policy().returnReceiptGrace());
                activities.recordReturnOutcome(expired);
            }
        }
    }

    // ---- refunds -----------------------------------------------------------------------------------

    @Override
    public void validateRefund(OrderRequests.Refund refund) {
        if (!opened()) {
            return;
        }
        if (refund.refundKey() == null || refund.refundKey().isBlank()) {
            throw new IllegalArgumentException("refundKey is required");
        }
        if (refund.amount() == null || refund.amount().signum() <= 0 || refund.amount().scale() > 2) {
            throw new IllegalArgumentException("amount: must be positive, in cents at most");
        }
        if (refundKeys.contains(opsKey(refund.refundKey()))) {
            throw refused("Refund " + refund.refundKey() + " was made already");
        }
        if (cancelling || status == OrderStatus.CANCELLED || status == OrderStatus.REFUNDED) {
            throw refused("The order is " + (cancelling ? OrderStatus.CANCELLED : status) + ": nothing is left to refund");
        }
        BigDecimal left = captured.subtract(refunded).subtract(refundsRunning);
        if (refund.amount().compareTo(left) > 0) {
            throw new IllegalArgumentException("amount: " + refund.amount() + " is more than the " + left + " "
                    + currency + " left to refund");
        }
    }

    @Override
    public OrderState refund(OrderRequests.Refund refund) {
        // Judged again here: another refund may have taken the money since the validator ran.
        judgeOnceOpened(() -> validateRefund(refund));
        moveMoney(opsKey(refund.refundKey()), refund.amount(), refund.reason() == null ? "OPS" : refund.reason(), null);
        return state();
    }

    private String opsKey(String callerKey) {
        return "refund-" + start.orderId() + "-ops-" + callerKey;
    }

    /**
     * Refunds through the provider and records it. The amount is taken from what is left before the
     * activity runs, so no other refund can count on it meanwhile; a refusal gives it back and fails the
     * update with the provider's reason.
     */
    private void moveMoney(String key, BigDecimal amount, String reason, UUID returnId) {
        refundKeys.add(key);
        refundsRunning = refundsRunning.add(amount);
        try {
            RefundOutcome outcome = activities.refund(new OrderRefund(start.orderId(), paymentIntentId, key, amount,
                    currency, reason, returnId));
            refunded = refunded.add(outcome.amount());
            refunds.add(new OrderState.Refund(key, outcome.amount(), reason, "SUCCEEDED"));
            paymentStatus = refunded.compareTo(captured) >= 0
                    ? OrderPaymentStatus.REFUNDED : OrderPaymentStatus.PARTIALLY_REFUNDED;
        } catch (ActivityFailure refused) {
            refunds.add(new OrderState.Refund(key, amount, reason, "FAILED"));
            paymentStatus = OrderPaymentStatus.REFUND_FAILED;
            record();
            throw ApplicationFailure.newNonRetryableFailureWithCause("The payment provider refused the refund: "
                    + refused.getCause().getMessage(), OrderFailures.REFUND_REFUSED, refused);
        } finally {
            refundsRunning = refundsRunning.subtract(amount);
        }
        // Refunded in full before anything shipped: nothing is left to do. After that the order keeps its
        // fulfilment status (the payment status says REFUNDED), so its lines and returns stay with the delivered
        // orders that the returns analytics and the models learn from.
        if (paymentStatus == OrderPaymentStatus.REFUNDED && !cancelling && status == OrderStatus.PLACED) {
            setStatus(OrderStatus.REFUNDED);
        } else {
            record();
        }
    }

    @Override
    public void refundFailed(OrderRequests.RefundFailed failed) {
        Workflow.await(this::opened);
        for (int i = 0; i < refunds.size(); i++) {
            OrderState.Refund refund = refunds.get(i);
            if (refund.idempotencyKey().equals(failed.idempotencyKey()) && refund.status().equals("SUCCEEDED")) {
                refunds.set(i, new OrderState.Refund(refund.idempotencyKey(), refund.amount(), refund.reason(),
                        "FAILED"));
                refunded = refunded.subtract(refund.amount());
                paymentStatus = OrderPaymentStatus.REFUND_FAILED;
                LOG.error("Refund {} of order {} failed at the provider: {}", refund.idempotencyKey(),
                        start.orderId(), failed.reason());
                activities.recordRefundFailed(start.orderId(), refund.idempotencyKey(), failed.reason());
                record();
                return;
            }
        }
    }

    // ---- state -------------------------------------------------------------------------------------

    private OrderLine line(UUID lineId) {
        return lines.stream().filter(line -> line.lineId().equals(lineId)).findFirst().orElseThrow();
    }

    /** Whether the order was read: until then a validator cannot judge, and its handler judges instead. */
    private boolean opened() {
        return currency != null;
    }

    /**
     * Runs a validator in its handler, once the order was read: an update that arrived first (right after
     * the checkout placed the order) is judged here, and refused as its validator would have refused it.
     */
    private void judgeOnceOpened(Runnable validator) {
        Workflow.await(this::opened);
        try {
            validator.run();
        } catch (IllegalArgumentException | IllegalStateException refusal) {
            throw ApplicationFailure.newNonRetryableFailure(refusal.getMessage(), refusal.getClass().getName());
        }
    }

    private void setStatus(OrderStatus next) {
        status = next;
        Workflow.upsertTypedSearchAttributes(ORDER_STATUS.valueSet(next.name()));
        record();
    }

    private void record() {
        activities.recordOrder(start.orderId(), status, paymentStatus);
    }

    /**
     * An update refused because of where the order is (the api answers 409). A refusal because of the input is
     * an {@link IllegalArgumentException} whose message starts with the field's name (422).
     */
    private static IllegalStateException refused(String why) {
        return new IllegalStateException(why);
    }
}
