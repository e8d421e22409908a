package com.styleshepherd.workflows.order;

import static com.styleshepherd.workflows.order.FakeOrderActivities.CAPTURED;
import static com.styleshepherd.workflows.order.FakeOrderActivities.DRESS;
import static com.styleshepherd.workflows.order.FakeOrderActivities.SOCKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.checkout.CheckoutSearchAttributes;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An order's life against Temporal's test environment, time skipping through the return window and
 * the stuck-shipment alert, with activities that behave like the shop and the payment provider.
 */
class OrderWorkflowTest {

    static final OrderPolicy POLICY = new OrderPolicy(Duration.ofDays(30), Duration.ofDays(2), Duration.ofDays(14));

    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private FakeOrderActivities shop;
    private final UUID orderId = UUID.randomUUID();

    @BeforeEach
    void startEnvironment() {
        env = TestWorkflowEnvironment.newInstance();
        CheckoutSearchAttributes.ALL.forEach(key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
        shop = new FakeOrderActivities();
        Worker worker = env.newWorker(TaskQueues.CHECKOUT);
        worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class, ShipmentWorkflowImpl.class);
        worker.registerActivitiesImplementations(shop);
        client = env.getWorkflowClient();
        env.start();
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    private OrderWorkflow placed() {
        OrderWorkflow order = client.newWorkflowStub(OrderWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(OrderWorkflow.workflowId(orderId)).setTaskQueue(TaskQueues.CHECKOUT).build());
        WorkflowClient.start(order::run, new OrderStart(orderId, UUID.randomUUID(), "shopper-1", POLICY, null));
        return order;
    }

    private ShipmentWorkflow shipment(UUID shipmentId) {
        return client.newWorkflowStub(ShipmentWorkflow.class, ShipmentWorkflow.workflowId(orderId, shipmentId));
    }

    private OrderState result() {
        return client.newUntypedWorkflowStub(OrderWorkflow.workflowId(orderId)).getResult(OrderState.class);
    }

    private UUID ship(OrderWorkflow order, List<UUID> lines, ShipmentStep... steps) {
        UUID shipmentId = UUID.randomUUID();
        order.createShipment(new OrderRequests.NewShipment(shipmentId, lines));
        for (ShipmentStep step : steps) {
            shipment(shipmentId).report(new ShipmentReport(step, "UPS", "1Z999"));
        }
        return shipmentId;
    }

    private void awaitStatus(OrderWorkflow order, OrderStatus status) {
        for (int i = 0; i < 100 && order.state().status() != status; i++) {
            env.sleep(Duration.ofMillis(50));
        }
        assertEquals(status, order.state().status());
    }

    private OrderWorkflow delivered() {
        OrderWorkflow order = placed();
        ship(order, List.of(), ShipmentStep.LABEL_CREATED, ShipmentStep.SHIPPED, ShipmentStep.DELIVERED);
        awaitStatus(order, OrderStatus.DELIVERED);
        return order;
    }

    @Test
    void aCancelledOrderPutsItsStockBackAndRefundsEverythingOnce() {
        OrderWorkflow order = placed();

        OrderState cancelled = order.cancel(new OrderRequests.Cancel("changed my mind"));

        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        assertEquals(OrderPaymentStatus.REFUNDED, cancelled.paymentStatus());
        assertEquals(0, CAPTURED.compareTo(cancelled.refunded()));
        assertEquals(CAPTURED, shop.refundsByKey.get("refund-" + orderId + "-cancel"));
        assertEquals(1, shop.refundsByKey.size());
        assertEquals(1, shop.restocked.get("cancel-" + orderId + "/" + DRESS));
        assertEquals(2, shop.restocked.get("cancel-" + orderId + "/" + SOCKS));
        assertEquals(OrderStatus.CANCELLED, result().status(), "a cancelled order closes");
        assertEquals(OrderStatus.CANCELLED, shop.orderRows.get(orderId), "the row says what the workflow says");
    }

    @Test
    void aShipmentCalledOffBeforeItLeftFreesItsLinesForAnotherAndOneThatLeftIsNot() {
        OrderWorkflow order = placed();
        UUID socks = ship(order, List.of(SOCKS), ShipmentStep.LABEL_CREATED, ShipmentStep.SHIPPED);
        UUID dress = ship(order, List.of(DRESS), ShipmentStep.LABEL_CREATED);
        awaitStatus(order, OrderStatus.PARTIALLY_SHIPPED);

        ShipmentState calledOff = shipment(dress).callOff("label voided");

        assertEquals(ShipmentStep.CANCELLED, calledOff.step());
        WorkflowUpdateException left = assertThrows(WorkflowUpdateException.class,
                () -> shipment(socks).callOff("too late"));
        assertTrue(left.getCause().getMessage().contains("SHIPPED"), left.getCause().getMessage());
        for (int i = 0; i < 100 && order.state().shipments().stream()
                .noneMatch(s -> s.shipmentId().equals(dress) && s.step() == ShipmentStep.CANCELLED); i++) {
            env.sleep(Duration.ofMillis(50));
        }
        // The dress ships again, in another shipment; once both arrive the order is delivered.
        ship(order, List.of(DRESS), ShipmentStep.LABEL_CREATED, ShipmentStep.SHIPPED, ShipmentStep.DELIVERED);
        shipment(socks).report(new ShipmentReport(ShipmentStep.DELIVERED, null, null));
        awaitStatus(order, OrderStatus.DELIVERED);
        assertTrue(shop.restocked.isEmpty(), "the called-off dress never left the warehouse");
        assertEquals(ShipmentStep.CANCELLED, shop.shipmentRows.get(dress));
    }

    @Test
    void anOrderThatShippedIsNotCancelledAndSaysWhy() {
        OrderWorkflow order = placed();
        ship(order, List.of(DRESS), ShipmentStep.LABEL_CREATED, ShipmentStep.SHIPPED);
        awaitStatus(order, OrderStatus.PARTIALLY_SHIPPED);

        WorkflowUpdateException refused = assertThrows(WorkflowUpdateException.class,
                () -> order.cancel(new OrderRequests.Cancel("too late")));

        assertTrue(refused.getCause().getMessage().contains("return it once delivered"), refused.getCause().getMessage());
        assertTrue(shop.refundsByKey.isEmpty(), "no money moved");
        assertTrue(shop.restocked.isEmpty(), "no stock moved");
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, order.state().status());
    }

    @Test
    void aShipmentWithOnlyALabelIsCancelledWithItsOrder() {
        OrderWorkflow order = placed();
        UUID shipmentId = ship(order, List.of(), ShipmentStep.LABEL_CREATED);

        order.cancel(new OrderRequests.Cancel("found it cheaper"));

        assertEquals(ShipmentStep.CANCELLED, client.newUntypedWorkflowStub(ShipmentWorkflow.workflowId(orderId,
                shipmentId)).getResult(ShipmentState.class).step());
        assertEquals(ShipmentStep.CANCELLED, shop.shipmentRows.get(shipmentId), "the row says so too");
    }

    @Test
    void anOrderShippedInTwoPartsIsShippedWhenBothLeftAndDeliveredWhenBothArrived() {
        OrderWorkflow order = placed();
        UUID first = ship(order, List.of(DRESS), ShipmentStep.LABEL_CREATED, ShipmentStep.SHIPPED);
        awaitStatus(order, OrderStatus.PARTIALLY_SHIPPED);
        UUID second = ship(order, List.of(SOCKS), ShipmentStep.LABEL_CREATED, ShipmentStep.SHIPPED);
        awaitStatus(order, OrderStatus.SHIPPED);

        shipment(first).report(new ShipmentReport(ShipmentStep.DELIVERED, null, null));
        env.sleep(Duration.ofMillis(200));
        assertEquals(OrderStatus.SHIPPED, order.state().status(), "one part still travels");
        shipment(second).report(new ShipmentReport(ShipmentStep.DELIVERED, null, null));
        awaitStatus(order, OrderStatus.DELIVERED);

        assertEquals(ShipmentStep.DELIVERED, shop.shipmentRows.get(first));
        assertEquals(ShipmentStep.DELIVERED, shop.shipmentRows.get(second));
        assertTrue(order.state().returnWindowOpen());
    }

    @Test
    void aShipmentStepsForwardOnlyAndARepeatedReportChangesNothing() {
        OrderWorkflow order = placed();
        UUID shipmentId = ship(order, List.of(), ShipmentStep.LABEL_CREATED);
        ShipmentWorkflow shipment = shipment(shipmentId);

        assertThrows(WorkflowUpdateException.class, () -> shipment.report(
                new ShipmentReport(ShipmentStep.REQUESTED, null, null)));
        assertEquals(ShipmentStep.LABEL_CREATED, shipment.report(
                new ShipmentReport(ShipmentStep.LABEL_CREATED, null, null)).step(), "a repeat is a no-op");
        assertThrows(WorkflowUpdateException.class, () -> order.createShipment(
                new OrderRequests.NewShipment(UUID.randomUUID(), List.of(DRESS))), "every line ships already");
        assertThrows(WorkflowUpdateException.class, () -> order.createShipment(
                new OrderRequests.NewShipment(UUID.randomUUID(), List.of(UUID.randomUUID()))), "no such line");
    }

    @Test
    void aShipmentThatDoesNotMoveRaisesTheStuckAlertUntilItMoves() {
        OrderWorkflow order = placed();
        UUID shipmentId = ship(order, List.of(), ShipmentStep.LABEL_CREATED);
        ShipmentWorkflow shipment = shipment(shipmentId);
        assertFalse(shipment.state().stuck());

        env.sleep(POLICY.shipmentStuckAfter().plusHours(1));

        assertTrue(shipment.state().stuck());
        assertEquals(Boolean.TRUE, stuckAttribute(shipmentId));
        shipment.report(new ShipmentReport(ShipmentStep.SHIPPED, null, null));
        assertFalse(shipment.state().stuck());
        assertEquals(Boolean.FALSE, stuckAttribute(shipmentId));
    }

    private Boolean stuckAttribute(UUID shipmentId) {
        return client.newUntypedWorkflowStub(ShipmentWorkflow.workflowId(orderId, shipmentId)).describe()
                .getTypedSearchAttributes().get(OrderSearchAttributes.SHIPMENT_STUCK);
    }

    @Test
    void oneLineOfTwoReturnedIsRefundedExactlyThatLinesAmountOnceAndRestocked() {
        OrderWorkflow order = delivered();
        UUID returnId = UUID.randomUUID();

        order.requestReturn(new OrderRequests.ReturnRequest(returnId, SOCKS, 2, "TOO_SMALL", null));
        OrderState received = order.receiveReturn(new OrderRequests.ReturnReceipt(returnId, ReturnCondition.RESELLABLE));

        assertEquals(new BigDecimal("50.00"), received.refunded());
        assertEquals(OrderPaymentStatus.PARTIALLY_REFUNDED, received.paymentStatus());
        assertEquals(List.of("refund-" + returnId), shop.providerCalls);
        assertEquals(2, shop.restocked.get("return-" + returnId + "/" + SOCKS));
        assertEquals(ReturnStatus.REFUNDED, shop.returnRows.get(returnId).status());
        assertThrows(WorkflowUpdateException.class, () -> order.receiveReturn(
                new OrderRequests.ReturnReceipt(returnId, ReturnCondition.RESELLABLE)), "received once");
        assertEquals(new BigDecimal("50.00"), shop.refunded());
    }

    @Test
    void aDamagedReturnIsRefundedButNotRestockedAndAnUnreturnableOneIsNeither() {
        OrderWorkflow order = delivered();
        UUID damaged = UUID.randomUUID();
        UUID unreturnable = UUID.randomUUID();
        order.requestReturn(new OrderRequests.ReturnRequest(damaged, DRESS, 1, "QUALITY", "torn"));
        order.requestReturn(new OrderRequests.ReturnRequest(unreturnable, SOCKS, 1, "STYLE", null));

        order.receiveReturn(new OrderRequests.ReturnReceipt(damaged, ReturnCondition.DAMAGED));
        OrderState after = order.receiveReturn(new OrderRequests.ReturnReceipt(unreturnable, ReturnCondition.UNRETURNABLE));

        assertEquals(new BigDecimal("89.00"), after.refunded());
        assertTrue(shop.restocked.isEmpty());
        assertEquals(ReturnStatus.REJECTED, shop.returnRows.get(unreturnable).status());
    }

    @Test
    void aDeliveredOrderReturnedWhollyIsRefundedInFullAndStaysDeliveredUntilItsWindowCloses() {
        OrderWorkflow order = delivered();
        UUID dress = UUID.randomUUID();
        UUID socks = UUID.randomUUID();
        order.requestReturn(new OrderRequests.ReturnRequest(dress, DRESS, 1, "TOO_LARGE", null));
        order.requestReturn(new OrderRequests.ReturnRequest(socks, SOCKS, 2, "TOO_LARGE", null));

        order.receiveReturn(new OrderRequests.ReturnReceipt(dress, ReturnCondition.RESELLABLE));
        OrderState all = order.receiveReturn(new OrderRequests.ReturnReceipt(socks, ReturnCondition.RESELLABLE));

        assertEquals(OrderPaymentStatus.REFUNDED, all.paymentStatus());
        assertEquals(OrderStatus.DELIVERED, all.status(), "its returns stay with the delivered orders");
        assertEquals(0, CAPTURED.compareTo(shop.refunded()));
        env.sleep(POLICY.returnWindow().plusMinutes(1));
        assertEquals(OrderStatus.COMPLETED, result().status());
    }

    @Test
    void theReturnWindowClosesOnTimeAndTheOrderCompletes() {
        OrderWorkflow order = delivered();
        UUID line = DRESS;

        env.sleep(POLICY.returnWindow().plusMinutes(1));

        OrderState completed = result();
        assertEquals(OrderStatus.COMPLETED, completed.status());
        assertFalse(completed.returnWindowOpen());
        assertThrows(RuntimeException.class, () -> order.requestReturn(
                new OrderRequests.ReturnRequest(UUID.randomUUID(), line, 1, "STYLE", null)));
        assertEquals(OrderStatus.COMPLETED, shop.orderRows.get(orderId));
    }

    @Test
    void aReturnAskedInTimeIsStillRefundedAfterTheWindowThenTheOrderCompletes() {
        OrderWorkflow order = delivered();
        UUID returnId = UUID.randomUUID();
        order.requestReturn(new OrderRequests.ReturnRequest(returnId, DRESS, 1, "TOO_LARGE", null));

        env.sleep(POLICY.returnWindow().plusDays(1));
        assertEquals(OrderStatus.DELIVERED, order.state().status(), "open until its return is settled");
        assertThrows(WorkflowUpdateException.class, () -> order.requestReturn(
                new OrderRequests.ReturnRequest(UUID.randomUUID(), SOCKS, 1, "STYLE", null)), "window closed");
        order.receiveReturn(new OrderRequests.ReturnReceipt(returnId, ReturnCondition.RESELLABLE));

        assertEquals(OrderStatus.COMPLETED, result().status());
        assertEquals(new BigDecimal("89.00"), shop.refunded());
    }

    @Test
    void aReturnNeverReceivedExpiresWhenTheGraceEndsAndTheOrderCompletesWithNothingRefunded() {
        OrderWorkflow order = delivered();
        UUID neverSent = UUID.randomUUID();
        order.requestReturn(new OrderRequests.ReturnRequest(neverSent, DRESS, 1, "STYLE", null));

        env.sleep(POLICY.returnWindow().plus(POLICY.returnReceiptGrace()).minusHours(1));
        assertEquals(OrderStatus.DELIVERED, order.state().status(), "still within the grace");
        assertEquals(ReturnStatus.REQUESTED, shop.returnRows.get(neverSent).status());
        env.sleep(Duration.ofHours(2));

        OrderState completed = result();
        assertEquals(OrderStatus.COMPLETED, completed.status());
        assertEquals(ReturnStatus.EXPIRED, completed.returns().get(0).status());
        assertEquals(ReturnStatus.EXPIRED, shop.returnRows.get(neverSent).status());
        assertEquals(0, BigDecimal.ZERO.compareTo(shop.refunded()));
        assertTrue(shop.restocked.isEmpty());
    }

    @Test
    void aReturnBeforeDeliveryOrOfMoreUnitsThanTheLineHoldsIsRefusedAndChangesNothing() {
        OrderWorkflow order = placed();
        assertThrows(WorkflowUpdateException.class, () -> order.requestReturn(
                new OrderRequests.ReturnRequest(UUID.randomUUID(), DRESS, 1, "STYLE", null)));
        ship(order, List.of(), ShipmentStep.LABEL_CREATED, ShipmentStep.SHIPPED, ShipmentStep.DELIVERED);
        awaitStatus(order, OrderStatus.DELIVERED);
        WorkflowUpdateException tooMany = assertThrows(WorkflowUpdateException.class, () -> order.requestReturn(
                new OrderRequests.ReturnRequest(UUID.randomUUID(), SOCKS, 3, "STYLE", null)));
        assertTrue(tooMany.getCause().getMessage().contains("quantity"));
        assertTrue(order.state().returns().isEmpty());
        assertTrue(shop.returnRows.isEmpty());
    }

    @Test
    void partialRefundsNeverAddUpToMoreThanWasCapturedEvenWhenAskedConcurrently() throws Exception {
        OrderWorkflow order = placed();
        shop.refundMillis = 300;
        WorkflowStub stub = client.newUntypedWorkflowStub(OrderWorkflow.workflowId(orderId));
        List<WorkflowUpdateHandle<OrderState>> handles = new ArrayList<>();
        List<Exception> refusals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try {
                handles.add(stub.startUpdate(UpdateOptions.newBuilder(OrderState.class).setUpdateName("refund")
                        .setWaitForStage(WorkflowUpdateStage.ACCEPTED).build(),
                        new OrderRequests.Refund("goodwill-" + i, new BigDecimal("60.00"), "GOODWILL")));
            } catch (WorkflowUpdateException refused) {
                refusals.add(refused);
            }
        }
        int succeeded = 0;
        for (WorkflowUpdateHandle<OrderState> handle : handles) {
            try {
                handle.getResultAsync().get();
                succeeded++;
            } catch (Exception refused) {
                refusals.add(refused);
            }
        }

        assertEquals(2, succeeded, "two refunds of 60 fit in 139, the third does not");
        assertEquals(1, refusals.size());
        assertEquals(new BigDecimal("120.00"), shop.refunded());
        assertEquals(new BigDecimal("120.00"), order.state().refunded());
        WorkflowUpdateException tooMuch = assertThrows(WorkflowUpdateException.class,
                () -> order.refund(new OrderRequests.Refund("rest", new BigDecimal("19.01"), "GOODWILL")));
        assertTrue(tooMuch.getCause().getMessage().contains("amount"));
        OrderState rest = order.refund(new OrderRequests.Refund("rest", new BigDecimal("19.00"), "GOODWILL"));
        assertEquals(OrderStatus.REFUNDED, rest.status());
        assertEquals(OrderPaymentStatus.REFUNDED, rest.paymentStatus());
        assertEquals(0, CAPTURED.compareTo(shop.refunded()));
    }

    @Test
    void aRefundThatFailsAtTheProviderLaterIsTakenOffTheRefundedAmount() {
        OrderWorkflow order = placed();
        order.refund(new OrderRequests.Refund("k-3", new BigDecimal("10.00"), "GOODWILL"));

        order.refundFailed(new OrderRequests.RefundFailed("refund-" + orderId + "-ops-k-3", "expired_or_canceled_card"));
        order.refundFailed(new OrderRequests.RefundFailed("refund-" + orderId + "-ops-k-3", "expired_or_canceled_card"));

        OrderState after = order.state();
        assertEquals(0, BigDecimal.ZERO.compareTo(after.refunded()), "taken off once");
        assertEquals(OrderPaymentStatus.REFUND_FAILED, after.paymentStatus());
        assertEquals("FAILED", after.refunds().getFirst().status());
    }

    @Test
    void theSameOpsRefundKeyTwiceIsOneRefund() {
        OrderWorkflow order = placed();
        order.refund(new OrderRequests.Refund("k-1", new BigDecimal("10.00"), "GOODWILL"));

        assertThrows(WorkflowUpdateException.class,
                () -> order.refund(new OrderRequests.Refund("k-1", new BigDecimal("10.00"), "GOODWILL")));

        assertEquals(new BigDecimal("10.00"), shop.refunded());
    }

    @Test
    void aRefundTheProviderRefusesFailsTheUpdateAndSaysSoOnTheOrder() {
        OrderWorkflow order = placed();
        shop.providerRefuses = true;

        assertThrows(WorkflowUpdateException.class,
                () -> order.refund(new OrderRequests.Refund("k-2", new BigDecimal("10.00"), "GOODWILL")));

        assertEquals(OrderPaymentStatus.REFUND_FAILED, order.state().paymentStatus());
        assertEquals(BigDecimal.ZERO, order.state().refunded());
    }
}
