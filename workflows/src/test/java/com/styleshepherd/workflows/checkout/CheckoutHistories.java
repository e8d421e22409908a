package com.styleshepherd.workflows.checkout;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.styleshepherd.workflows.RecordingEngine;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.returnrisk.ReturnRiskActivities;
import com.styleshepherd.workflows.returnrisk.ReturnRiskSignals;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records one history per checkout path into {@code src/test/resources/histories/checkout}, for
 * {@link CheckoutReplayTest}, on a real Temporal server: {@code scripts/record-histories.sh v5} after a
 * deliberate, versioned change (keep the older files; see docs/operations.md). Its {@code main} takes the
 * file prefix and, optionally, {@code --target host:port}; without a target it records on the test server.
 */
public final class CheckoutHistories {

    /** Short payment waits, so that the timeout paths end in seconds on a real server's clock. */
    static final CheckoutPolicy POLICY = new CheckoutPolicy(Duration.ofSeconds(10), Duration.ofSeconds(10), 3,
            Duration.ofMinutes(45));

    private CheckoutHistories() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args.length > 0 && !args[0].startsWith("--") ? args[0] : "current";
        Path directory = Path.of("src/test/resources/histories/checkout");
        Files.createDirectories(directory);
        for (String path : List.of("completed", "decline-then-retry", "decline-timeout", "three-d-secure",
                "three-d-secure-timeout", "out-of-stock")) {
            try (RecordingEngine engine = RecordingEngine.from(args)) {
                Files.writeString(directory.resolve(prefix + "-" + path + ".json"), record(engine, path));
            }
            System.out.println("recorded " + prefix + "-" + path);
        }
    }

    /** One checkout down {@code path}, with stand-in activities; its history as JSON. */
    static String record(RecordingEngine env, String path) throws Exception {
        CheckoutActivities checkout = mock(CheckoutActivities.class, withSettings().withoutAnnotations());
        PaymentActivities payments = mock(PaymentActivities.class, withSettings().withoutAnnotations());
        ReturnRiskActivities risk = mock(ReturnRiskActivities.class, withSettings().withoutAnnotations());
        Worker worker = env.newWorker(TaskQueues.CHECKOUT);
        worker.registerWorkflowImplementationTypes(CheckoutWorkflowImpl.class);
        worker.registerActivitiesImplementations(checkout, payments);
        env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(risk);
        PricedCart cart = new PricedCart(List.of(new PricedLine(1, 7, 71, "SS-DRS-0007", "Wrap Dress", "dresses",
                "M", 1, new BigDecimal("89.00"), new BigDecimal("89.00"))), new BigDecimal("89.00"),
                new BigDecimal("89.00"), "USD");
        when(checkout.priceCart(any())).thenReturn(cart);
        when(checkout.collectReturnRiskSignals(any(), any(), any()))
                .thenReturn(new ReturnRiskSignals(null, null, List.of(), Map.of(), "shopper-1"));
        when(risk.assessReturnRisk(any())).thenReturn(CheckoutWorkflowTest.lowRisk());
        when(checkout.placeOrder(any(), any(), any())).thenReturn(new OrderPlaced(UUID.randomUUID()));
        switch (path) {
            case "completed" -> when(payments.chargePayment(any())).thenReturn(CheckoutWorkflowTest.succeeded());
            case "decline-then-retry" -> when(payments.chargePayment(any()))
                    .thenReturn(CheckoutWorkflowTest.declined(), CheckoutWorkflowTest.succeeded());
            case "decline-timeout" -> when(payments.chargePayment(any())).thenReturn(CheckoutWorkflowTest.declined());
            case "three-d-secure" -> {
                when(payments.chargePayment(any())).thenReturn(CheckoutWorkflowTest.requiresAction());
                when(payments.refreshPayment(any(), any())).thenReturn(CheckoutWorkflowTest.succeeded());
            }
            case "three-d-secure-timeout" ->
                    when(payments.chargePayment(any())).thenReturn(CheckoutWorkflowTest.requiresAction());
            case "out-of-stock" -> doThrow(ApplicationFailure.newNonRetryableFailure("No stock",
                    CheckoutFailures.OUT_OF_STOCK)).when(checkout).reserveStock(any(), any(), any());
            default -> throw new IllegalArgumentException(path);
        }
        env.start();
        WorkflowClient client = env.client();
        String workflowId = CheckoutWorkflow.workflowId("fixture-" + path);
        CheckoutWorkflow workflow = client.newWorkflowStub(CheckoutWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId).setTaskQueue(TaskQueues.CHECKOUT).build());
        // As the api starts it: the cart priced when the checkout was opened travels with the request.
        WorkflowClient.start(workflow::checkout, new CheckoutRequest(UUID.randomUUID(), "shopper-1",
                new Purchase(List.of(new CartLine(7, "M", 1)), "pm_card_visa",
                        new ShippingAddress("Ada Lovelace", "1 Loom St", "London", "N1 9GU", "GB")), POLICY, cart));
        if (path.equals("decline-then-retry")) {
            await(workflow, CheckoutStatus.PAYMENT_DECLINED);
            workflow.retryPayment("pm_card_visa");
        }
        if (path.equals("three-d-secure")) {
            await(workflow, CheckoutStatus.PAYMENT_ACTION_REQUIRED);
            workflow.paymentEvent(new PaymentEvent("evt_1", "payment_intent.succeeded", CheckoutWorkflowTest.INTENT));
        }
        try {
            WorkflowStub.fromTyped(workflow).getResult(CheckoutState.class);
        } catch (RuntimeException endedWithoutOrder) {
            // Cancelled paths fail the run on purpose; their history is what we keep.
        }
        return client.fetchHistory(workflowId).toJson(true);
    }

    private static void await(CheckoutWorkflow workflow, CheckoutStatus status) throws InterruptedException {
        for (int i = 0; i < 400 && workflow.state().status() != status; i++) {
            Thread.sleep(25);
        }
    }
}
