package com.styleshepherd.workflows.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.order.OrderWorkflow;
import com.styleshepherd.workflows.returnrisk.LineRisk;
import com.styleshepherd.workflows.returnrisk.ReturnRiskActivities;
import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
import com.styleshepherd.workflows.returnrisk.ReturnRiskSignals;
import com.styleshepherd.workflows.returnrisk.RiskLevel;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The checkout's orchestration against Temporal's test environment (time skips while the test waits
 * for a result), with every activity mocked: which steps run, in what order, and what is undone.
 */
class CheckoutWorkflowTest {

    static final CheckoutPolicy POLICY =
            new CheckoutPolicy(Duration.ofMinutes(15), Duration.ofMinutes(30), 3, Duration.ofMinutes(45));
    static final String INTENT = "pi_test_1";

    private TestWorkflowEnvironment env;
    private CheckoutActivities checkout;
    private PaymentActivities payments;
    private ReturnRiskActivities returnRisk;
    private WorkflowClient client;
    private final UUID checkoutId = UUID.randomUUID();
    private final PricedCart cart = new PricedCart(List.of(
            new PricedLine(1, 7, 71, "SS-DRS-0007", "Wrap Dress", "dresses", "M", 1,
                    new BigDecimal("89.00"), new BigDecimal("89.00"))),
            new BigDecimal("89.00"), new BigDecimal("89.00"), "USD");

    @BeforeEach
    void startEnvironment() {
        env = TestWorkflowEnvironment.newInstance();
        for (var key : CheckoutSearchAttributes.ALL) {
            env.registerSearchAttribute(key.getName(), key.getValueType());
        }
        // Mocks must not carry the interfaces' annotations, or Temporal sees each activity twice.
        checkout = mock(CheckoutActivities.class, withSettings().withoutAnnotations());
        payments = mock(PaymentActivities.class, withSettings().withoutAnnotations());
        returnRisk = mock(ReturnRiskActivities.class, withSettings().withoutAnnotations());

        Worker checkoutWorker = env.newWorker(TaskQueues.CHECKOUT);
        checkoutWorker.registerWorkflowImplementationTypes(CheckoutWorkflowImpl.class);
        checkoutWorker.registerActivitiesImplementations(checkout, payments);
        env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(returnRisk);
        client = env.getWorkflowClient();

        when(checkout.priceCart(any())).thenReturn(cart);
        when(checkout.collectReturnRiskSignals(any(), any(), any()))
                .thenReturn(new ReturnRiskSignals(null, null, List.of(), Map.of(), "shopper-1"));
        when(returnRisk.assessReturnRisk(any())).thenReturn(lowRisk());
        when(checkout.placeOrder(any(), any(), any())).thenReturn(new OrderPlaced(UUID.randomUUID()));
        env.start();
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    @Test
    void happyPathPricesScoresReservesPaysAndOrders() {
        when(payments.chargePayment(any())).thenReturn(succeeded());

        CheckoutState result = workflow().checkout(request("pm_card_visa"));

        assertEquals(CheckoutStatus.COMPLETED, result.status());
        assertEquals(PaymentStatus.SUCCEEDED, result.paymentStatus());
        InOrder steps = inOrder(checkout, payments, returnRisk);
        steps.verify(checkout).priceCart(any());
        steps.verify(returnRisk).assessReturnRisk(any());
        steps.verify(checkout).recordReturnRisk(eq(checkoutId), any());
        steps.verify(checkout).reserveStock(checkoutId, cart.lines(), POLICY.stockHold());
        steps.verify(payments).chargePayment(any());
        steps.verify(checkout).placeOrder(checkoutId, "shopper-1", cart);
        verify(checkout, never()).releaseStock(any());
        verify(payments, never()).voidPayment(any());
    }

    @Test
    void aPlacedOrderGetsItsOwnWorkflowThatOutlivesTheCheckout() {
        UUID orderId = UUID.randomUUID();
        when(checkout.placeOrder(any(), any(), any())).thenReturn(new OrderPlaced(orderId));
        when(payments.chargePayment(any())).thenReturn(succeeded());

        CheckoutState result = workflow().checkout(request("pm_card_visa"));

        assertEquals(orderId, result.orderId());
        var order = client.newUntypedWorkflowStub(OrderWorkflow.workflowId(orderId)).describe();
        assertEquals("OrderWorkflow", order.getWorkflowType());
        assertEquals(io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
                order.getStatus(), "abandoned: it runs on after the checkout completed");
    }

    @Test
    void paymentIdempotencyKeyComesFromTheWorkflowExecutionAndAmountFromTheCatalog() {
        when(payments.chargePayment(any())).thenReturn(succeeded());
        CheckoutWorkflow workflow = workflow();

        workflow.checkout(request("pm_card_visa"));

        ArgumentCaptor<PaymentCharge> charge = ArgumentCaptor.forClass(PaymentCharge.class);
        verify(payments).chargePayment(charge.capture());
        var execution = WorkflowStub.fromTyped(workflow).getExecution();
        assertEquals(execution.getWorkflowId() + "/" + execution.getRunId(), charge.getValue().idempotencyKey());
        assertEquals(new BigDecimal("89.00"), charge.getValue().amount());
        assertEquals(1, charge.getValue().attempt());
    }

    @Test
    void aDeclineWaitsForAnotherPaymentMethodAndThenCompletes() {
        when(payments.chargePayment(any())).thenReturn(declined(), succeeded());
        CheckoutWorkflow workflow = workflow();
        WorkflowClient.start(workflow::checkout, request("pm_card_chargeDeclined"));
        awaitState(workflow, state -> state.status() == CheckoutStatus.PAYMENT_DECLINED);

        CheckoutState afterRetry = workflow.retryPayment("pm_card_visa");

        assertEquals(CheckoutStatus.COMPLETED, afterRetry.status());
        assertEquals(2, afterRetry.paymentAttempts());
        ArgumentCaptor<PaymentCharge> charges = ArgumentCaptor.forClass(PaymentCharge.class);
        verify(payments, times(2)).chargePayment(charges.capture());
        PaymentCharge second = charges.getAllValues().get(1);
        assertEquals("pm_card_visa", second.paymentMethod());
        assertEquals(INTENT, second.paymentIntentId(), "the retry confirms the same intent, never a second one");
        verify(checkout).extendStockHold(checkoutId, POLICY.paymentRetryWindow().plus(POLICY.paymentActionTimeout()));
        verify(payments, never()).voidPayment(any());
    }

    @Test
    void aRetryIsRefusedWhenTheCheckoutIsNotWaitingForOne() {
        when(payments.chargePayment(any())).thenReturn(requiresAction());
        CheckoutWorkflow workflow = workflow();
        WorkflowClient.start(workflow::checkout, request("pm_card_threeDSecure2Required"));
        awaitState(workflow, state -> state.status() == CheckoutStatus.PAYMENT_ACTION_REQUIRED);

        WorkflowUpdateException refused =
                assertThrows(WorkflowUpdateException.class, () -> workflow.retryPayment("pm_card_visa"));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, refused.getCause());
        assertEquals(IllegalStateException.class.getName(), cause.getType());
        assertEquals(1, workflow.state().paymentAttempts());
    }

    @Test
    void aDeclineWithoutANewPaymentMethodCancelsAndUndoesInReverseOrder() {
        when(payments.chargePayment(any())).thenReturn(declined());

        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
                () -> workflow().checkout(request("pm_card_chargeDeclined")));

        assertEquals(CheckoutFailures.CHECKOUT_CANCELLED, ((ApplicationFailure) failed.getCause()).getType());
        InOrder undo = inOrder(checkout, payments);
        undo.verify(checkout).reserveStock(any(), any(), any());
        undo.verify(payments).voidPayment(checkoutId);
        undo.verify(checkout).releaseStock(checkoutId);
        undo.verify(checkout).closeCheckout(checkoutId, CheckoutStatus.CANCELLED, FailureReason.PAYMENT_DECLINED);
        verify(checkout, never()).placeOrder(any(), any(), any());
    }

    @Test
    void threeDSecureCompletesWhenTheWebhookArrives() {
        when(payments.chargePayment(any())).thenReturn(requiresAction());
        when(payments.refreshPayment(checkoutId, INTENT)).thenReturn(succeeded());
        CheckoutWorkflow workflow = workflow();
        WorkflowClient.start(workflow::checkout, request("pm_card_threeDSecure2Required"));
        CheckoutState waiting = awaitState(workflow, state -> state.status() == CheckoutStatus.PAYMENT_ACTION_REQUIRED);
        assertEquals("pi_test_1_secret_abc", waiting.clientSecret());

        workflow.paymentEvent(new PaymentEvent("evt_1", "payment_intent.succeeded", INTENT));
        workflow.paymentEvent(new PaymentEvent("evt_1", "payment_intent.succeeded", INTENT));

        CheckoutState result = WorkflowStub.fromTyped(workflow).getResult(CheckoutState.class);
        assertEquals(CheckoutStatus.COMPLETED, result.status());
        verify(payments, times(1)).refreshPayment(checkoutId, INTENT);
    }

    @Test
    void aWebhookAboutAnotherIntentIsIgnored() {
        when(payments.chargePayment(any())).thenReturn(requiresAction());
        CheckoutWorkflow workflow = workflow();
        WorkflowClient.start(workflow::checkout, request("pm_card_threeDSecure2Required"));
        awaitState(workflow, state -> state.status() == CheckoutStatus.PAYMENT_ACTION_REQUIRED);

        workflow.paymentEvent(new PaymentEvent("evt_9", "payment_intent.succeeded", "pi_someone_else"));

        assertThrows(WorkflowFailedException.class,
                () -> WorkflowStub.fromTyped(workflow).getResult(CheckoutState.class));
        verify(payments, never()).refreshPayment(any(), any());
        verify(checkout).closeCheckout(checkoutId, CheckoutStatus.CANCELLED, FailureReason.PAYMENT_ACTION_TIMEOUT);
    }

    @Test
    void threeDSecureNotCompletedInTimeCancelsAndUndoes() {
        when(payments.chargePayment(any())).thenReturn(requiresAction());

        assertThrows(WorkflowFailedException.class, () -> workflow().checkout(request("pm_card_threeDSecure2Required")));

        InOrder undo = inOrder(checkout, payments);
        undo.verify(payments).voidPayment(checkoutId);
        undo.verify(checkout).releaseStock(checkoutId);
        undo.verify(checkout).closeCheckout(checkoutId, CheckoutStatus.CANCELLED, FailureReason.PAYMENT_ACTION_TIMEOUT);
    }

    @Test
    void outOfStockCancelsWithoutAttemptingPayment() {
        doThrow(ApplicationFailure.newNonRetryableFailure("No stock left for SS-DRS-0007 size M",
                CheckoutFailures.OUT_OF_STOCK)).when(checkout).reserveStock(any(), any(), any());

        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
                () -> workflow().checkout(request("pm_card_visa")));

        ApplicationFailure ending = (ApplicationFailure) failed.getCause();
        assertEquals(CheckoutFailures.CHECKOUT_CANCELLED, ending.getType());
        assertEquals(FailureReason.OUT_OF_STOCK, ending.getDetails().get(CheckoutState.class).failureReason());
        verify(payments, never()).chargePayment(any());
        verify(checkout).closeCheckout(checkoutId, CheckoutStatus.CANCELLED, FailureReason.OUT_OF_STOCK);
    }

    @Test
    void highRiskReturnsMitigations() {
        when(payments.chargePayment(any())).thenReturn(succeeded());
        ReturnRiskAssessment highRisk = new ReturnRiskAssessment("return-risk-rules", "1", 0.81, RiskLevel.HIGH,
                List.of(new LineRisk(1, 7, "S", 0.81, RiskLevel.HIGH, "M", List.of("S is a size below your fit"),
                        Map.of("sizeSteps", -1.0))),
                List.of("S is a size below your fit"), List.of("Size M fits you better than S"));
        when(returnRisk.assessReturnRisk(any())).thenReturn(highRisk);

        CheckoutState result = workflow().checkout(request("pm_card_visa"));

        assertEquals(List.of("Size M fits you better than S"), result.returnRisk().suggestions());
        assertEquals(RiskLevel.HIGH, result.returnRisk().basketLevel());
        verify(checkout).recordReturnRisk(checkoutId, highRisk);
    }

    @Test
    void anUnavailableRiskModelDoesNotBlockTheSale() {
        when(payments.chargePayment(any())).thenReturn(succeeded());
        when(returnRisk.assessReturnRisk(any())).thenThrow(new IllegalStateException("model not loaded"));

        CheckoutState result = workflow().checkout(request("pm_card_visa"));

        assertEquals(CheckoutStatus.COMPLETED, result.status());
        assertNull(result.returnRisk());
        verify(checkout, never()).recordReturnRisk(any(), any());
    }

    @Test
    void aCartPricedAtOpeningIsCarriedAndEachRunRecordsItselfFirst() {
        when(payments.chargePayment(any())).thenReturn(succeeded());
        CheckoutRequest opened = request("pm_card_visa");
        opened = new CheckoutRequest(opened.checkoutId(), opened.shopperId(), opened.purchase(), POLICY, cart);
        CheckoutWorkflow workflow = workflow();

        CheckoutState result = workflow.checkout(opened);

        assertEquals(CheckoutStatus.COMPLETED, result.status());
        verify(checkout, never()).priceCart(any());
        String firstRunId = WorkflowStub.fromTyped(workflow).getExecution().getRunId();
        InOrder steps = inOrder(checkout, returnRisk);
        steps.verify(checkout).beginRun(checkoutId, firstRunId);
        steps.verify(checkout).collectReturnRiskSignals(checkoutId, "shopper-1", cart);
        steps.verify(checkout).placeOrder(checkoutId, "shopper-1", cart);
    }

    private CheckoutWorkflow workflow() {
        return client.newWorkflowStub(CheckoutWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(CheckoutWorkflow.workflowId(UUID.randomUUID().toString()))
                .setTaskQueue(TaskQueues.CHECKOUT)
                .build());
    }

    /** A request as an ops retry (or the sweep) starts it: the workflow prices the cart. */
    private CheckoutRequest request(String paymentMethod) {
        return new CheckoutRequest(checkoutId, "shopper-1", new Purchase(List.of(new CartLine(7, "M", 1)), paymentMethod,
                new ShippingAddress("Ada Lovelace", "1 Loom St", "London", "N1 9GU", "GB")), POLICY, null);
    }

    private static CheckoutState awaitState(CheckoutWorkflow workflow, Predicate<CheckoutState> condition) {
        for (int i = 0; i < 200; i++) {
            CheckoutState state = workflow.state();
            if (condition.test(state)) {
                return state;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("checkout never reached the expected state: " + workflow.state());
    }

    static PaymentAttempt succeeded() {
        return new PaymentAttempt(INTENT, PaymentStatus.SUCCEEDED, "pi_test_1_secret_abc", null, null);
    }

    static PaymentAttempt declined() {
        return new PaymentAttempt(INTENT, PaymentStatus.DECLINED, "pi_test_1_secret_abc", "card_declined",
                "Your card was declined.");
    }

    static PaymentAttempt requiresAction() {
        return new PaymentAttempt(INTENT, PaymentStatus.REQUIRES_ACTION, "pi_test_1_secret_abc", null, null);
    }

    static ReturnRiskAssessment lowRisk() {
        return new ReturnRiskAssessment("return-risk-rules", "1", 0.12, RiskLevel.LOW, List.of(), List.of(), List.of());
    }
}
