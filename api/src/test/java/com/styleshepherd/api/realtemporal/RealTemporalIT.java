package com.styleshepherd.api.realtemporal;

import static com.styleshepherd.api.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.security.DevTokens;
import com.styleshepherd.devstack.TemporalCliServer;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.PaymentLedger;
import com.styleshepherd.workflows.checkout.CheckoutState;
import com.styleshepherd.workflows.checkout.CheckoutStatus;
import com.styleshepherd.workflows.checkout.CheckoutWorkflowImpl;
import com.styleshepherd.workflows.checkout.StockHoldSweepWorkflow;
import com.styleshepherd.workflows.order.OrderSearchAttributes;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The backend on the real Temporal server (the Temporal CLI's dev server, SQLite persistence), as the dev
 * stack and production run it, instead of the Java test server the unit tests use: checkouts end to end
 * through the HTTP API, the ops list from the visibility store, retry, replay of the server's own
 * histories against the current workflow code, a reset that must not charge twice, and the stock-hold sweep
 * as a Temporal Schedule, and orders after checkout whose status the Temporal UI's visibility store reads as the
 * api does. Skipped, saying so, where no CLI is installed
 * ({@code scripts/install-temporal-cli.sh}; {@code .ci/run} installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealTemporalIT {

    private RealTemporalStack stack;
    private EmbeddedServer server;
    private Api api;
    private String ops;
    private final String shopperId = "real-" + UUID.randomUUID();
    private String shopper;

    @BeforeAll
    void start() {
        // A declined card waits this long for another before the checkout is cancelled.
        stack = RealTemporalStack.start(Map.of("styleshepherd.checkout.payment-retry-window", "3s"));
        server = stack.server();
        api = stack.api();
        Tokens tokens = new Tokens(server.getApplicationContext().getBean(DevTokens.class));
        ops = tokens.ops("real-ops");
        shopper = tokens.shopper(shopperId);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aCheckoutCompletesThroughTheApiAndItsHistoryReplaysAgainstTheCurrentCode() throws Exception {
        long product = product(5);
        String checkoutId = checkout(product, "pm_card_visa");

        Reply completed = await(() -> api.get("/api/checkouts/" + checkoutId, shopper),
                reply -> "COMPLETED".equals(reply.body().get("status")));
        assertNotNull(completed.body().get("orderId"));

        Reply replay = api.post("/api/ops/checkouts/" + checkoutId + "/replay", ops, Map.of());
        assertEquals(200, replay.status(), replay::toString);
        assertEquals(true, replay.body().get("deterministic"), replay::toString);
        String workflowId = workflowIdOf(checkoutId);
        WorkflowClient client = server.getApplicationContext().getBean(WorkflowClient.class);
        WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(workflowId), CheckoutWorkflowImpl.class);
    }

    @Test
    void opsFindFailedCheckoutsInVisibilityAndRetryThem() {
        long product = product(5);
        String declined = checkout(product, "pm_card_chargeDeclined");
        await(() -> api.get("/api/checkouts/" + declined, shopper),
                reply -> "CANCELLED".equals(reply.body().get("status")));

        Reply listed = await(() -> api.get("/api/ops/checkouts?status=CANCELLED&shopperId=" + shopperId, ops),
                reply -> reply.status() == 200 && reply.items().stream()
                        .anyMatch(item -> declined.equals(item.get("checkoutId"))));
        Map<String, Object> item = listed.items().stream().filter(i -> declined.equals(i.get("checkoutId")))
                .findFirst().orElseThrow();
        assertEquals("FAILED", item.get("executionStatus"), "the run failed with CheckoutCancelled");
        assertEquals(shopperId, item.get("shopperId"));
        assertTrue(((String) listed.body().get("query")).contains("CheckoutStatus = 'CANCELLED'"), listed::toString);

        Reply retried = api.post("/api/ops/checkouts/" + declined + "/retry", ops, Map.of());
        assertEquals(202, retried.status(), retried::toString);
        await(() -> api.get("/api/checkouts/" + declined, shopper),
                reply -> "PAYMENT_DECLINED".equals(reply.body().get("status")));
        Reply fixed = api.post("/api/checkouts/" + declined + "/payment-method", shopper,
                Map.of("paymentMethod", "pm_card_visa"));
        assertEquals("COMPLETED", fixed.body().get("status"), fixed::toString);
        await(() -> api.get("/api/ops/checkouts?status=COMPLETED&shopperId=" + shopperId, ops),
                reply -> reply.items().stream().anyMatch(i -> declined.equals(i.get("checkoutId"))));
    }

    @Test
    void theOpsListIsPagedWithTheServersToken() {
        long product = product(5);
        for (int i = 0; i < 3; i++) {
            String checkoutId = checkout(product, "pm_card_visa");
            await(() -> api.get("/api/checkouts/" + checkoutId, shopper),
                    reply -> "COMPLETED".equals(reply.body().get("status")));
        }
        String query = "/api/ops/checkouts?status=COMPLETED&shopperId=" + shopperId + "&pageSize=2";
        Reply first = await(() -> api.get(query, ops), reply -> reply.body().get("nextPageToken") != null);
        assertEquals(2, first.items().size());
        Reply second = api.get(query + "&pageToken=" + first.body().get("nextPageToken"), ops);
        assertEquals(200, second.status(), second::toString);
        assertTrue(second.items().size() >= 1);
        assertNotEquals(first.items().get(0).get("workflowId"), second.items().get(0).get("workflowId"));
        assertEquals(400, api.get(query + "&pageToken=bm90LWEtdG9rZW4", ops).status(), "a forged token");
        assertEquals(400, api.get("/api/ops/checkouts?stuckFor=PT10S", ops).status(), "under a minute");
        assertEquals(200, api.get("/api/ops/checkouts?stuckFor=PT15M", ops).status());
    }

    @Test
    void resettingACompletedCheckoutToItsStartDoesNotChargeTheShopperAgain() throws Exception {
        long product = product(5);
        String checkoutId = checkout(product, "pm_card_visa");
        await(() -> api.get("/api/checkouts/" + checkoutId, shopper),
                reply -> "COMPLETED".equals(reply.body().get("status")));
        String workflowId = workflowIdOf(checkoutId);
        WorkflowClient client = server.getApplicationContext().getBean(WorkflowClient.class);
        long firstTask = client.fetchHistory(workflowId).getEvents().stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
                .findFirst().orElseThrow().getEventId();

        // What ops do with "Reset" in the Temporal UI: the new run pays again from the start.
        String resetRun = server.getApplicationContext().getBean(WorkflowServiceStubs.class).blockingStub()
                .resetWorkflowExecution(ResetWorkflowExecutionRequest.newBuilder()
                        .setNamespace(TemporalCliServer.NAMESPACE)
                        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .setWorkflowTaskFinishEventId(firstTask)
                        .setRequestId(UUID.randomUUID().toString())
                        .setReason("RealTemporalIT")
                        .build()).getRunId();

        CheckoutState again = client.newUntypedWorkflowStub(workflowId, Optional.of(resetRun), Optional.empty())
                .getResult(30, TimeUnit.SECONDS, CheckoutState.class);
        assertEquals(CheckoutStatus.COMPLETED, again.status());
        PaymentLedger payments = server.getApplicationContext().getBean(PaymentLedger.class);
        assertEquals(1, payments.countSucceeded(UUID.fromString(checkoutId)), "charged once");
        assertEquals(1, server.getApplicationContext().getBean(OrderBook.class)
                .countForCheckout(UUID.fromString(checkoutId)), "one order");
    }

    @Test
    void opsResetARunningCheckoutThroughTheApiAndItStillCompletesOnce() throws Exception {
        long product = product(5);
        String checkoutId = checkout(product, "pm_card_threeDSecure2Required");
        Reply waiting = await(() -> api.get("/api/checkouts/" + checkoutId, shopper),
                reply -> "PAYMENT_ACTION_REQUIRED".equals(reply.body().get("status")));
        String secret = (String) ((Map<?, ?>) waiting.body().get("payment")).get("clientSecret");

        Reply reset = api.post("/api/ops/checkouts/" + checkoutId + "/reset", ops,
                Map.of("to", "FIRST_WORKFLOW_TASK", "reason", "RealTemporalIT"));
        assertEquals(202, reset.status(), reset::toString);
        assertNotNull(reset.body().get("runId"));
        assertEquals(400, api.post("/api/ops/checkouts/" + checkoutId + "/reset", ops,
                Map.of("to", "SOMEWHERE", "reason", "x")).status());

        Reply completed = api.post("/api/dev/payments/" + secret.substring(0, secret.indexOf("_secret_"))
                + "/complete-action", shopper, Map.of());
        assertEquals(200, completed.status(), completed::toString);
        await(() -> api.get("/api/checkouts/" + checkoutId, shopper),
                reply -> "COMPLETED".equals(reply.body().get("status")));
        assertEquals(1, server.getApplicationContext().getBean(PaymentLedger.class)
                .countSucceeded(UUID.fromString(checkoutId)), "the reset run found the intent, it made no second");
        // The row says COMPLETED once the order is placed; the run then starts the order's workflow and closes.
        server.getApplicationContext().getBean(WorkflowClient.class)
                .newUntypedWorkflowStub((String) reset.body().get("workflowId"))
                .getResult(30, TimeUnit.SECONDS, CheckoutState.class);
        assertEquals(409, api.post("/api/ops/checkouts/" + checkoutId + "/reset", ops,
                Map.of("to", "LAST_WORKFLOW_TASK", "reason", "too late")).status(), "a completed checkout");
    }

    @Test
    void theStockHoldSweepIsATemporalScheduleThatRuns() throws Exception {
        ScheduleHandle sweep = server.getApplicationContext().getBean(ScheduleClient.class)
                .getHandle(StockHoldSweepWorkflow.SCHEDULE_ID);
        assertEquals(List.of("Every 1m"), List.of("Every " + sweep.describe().getSchedule().getSpec().getIntervals()
                .get(0).getEvery().toMinutes() + "m"), "created by the worker at start");

        sweep.trigger();

        WorkflowClient client = server.getApplicationContext().getBean(WorkflowClient.class);
        String run = await(() -> sweep.describe().getInfo().getRecentActions().stream()
                .map(action -> ((ScheduleActionExecutionStartWorkflow) action.getAction()).getWorkflowId())
                .findFirst().orElse(null), Objects::nonNull);
        assertEquals(Integer.valueOf(0), client.newUntypedWorkflowStub(run).getResult(10, TimeUnit.SECONDS,
                Integer.class), "nothing was overdue, and the run completed");
        sweep.pause("paused by the test");
        assertTrue(sweep.describe().getSchedule().getState().isPaused(), "ops can pause it");
        sweep.unpause();
    }

    /**
     * The three orders on the real server: one shipped in two parts and delivered, one cancelled before
     * shipment with its money back, one returned a line of two and refunded that line once. In the Temporal UI's
     * visibility store each order's {@code OrderStatus} says what the shopper's api says.
     */
    @Test
    void threeOrdersReadTheSameInTheTemporalUiAsInTheApi() {
        String shipped = orderOfTwo();
        List<?> lines = (List<?>) api.get("/api/orders/" + shipped, shopper).body().get("lines");
        for (Object line : lines) {
            Reply shipment = api.post("/api/ops/orders/" + shipped + "/shipments", ops,
                    Map.of("lineIds", List.of(((Map<?, ?>) line).get("lineId"))));
            assertEquals(201, shipment.status(), shipment::toString);
            for (String step : List.of("LABEL_CREATED", "SHIPPED", "DELIVERED")) {
                assertEquals(200, api.post("/api/ops/orders/" + shipped + "/shipments/"
                        + shipment.body().get("shipmentId") + "/events", ops, Map.of("step", step)).status());
            }
        }
        awaitOrderStatus(shipped, "DELIVERED");

        String cancelled = orderOfTwo();
        Reply cancel = api.post("/api/orders/" + cancelled + "/cancel", shopper, Map.of());
        assertEquals(200, cancel.status(), cancel::toString);
        assertEquals("REFUNDED", cancel.body().get("paymentStatus"));

        String returned = orderOfTwo();
        Map<?, ?> second = (Map<?, ?>) ((List<?>) api.get("/api/orders/" + returned, shopper).body().get("lines")).get(1);
        String shipment = (String) api.post("/api/ops/orders/" + returned + "/shipments", ops, Map.of()).body()
                .get("shipmentId");
        for (String step : List.of("LABEL_CREATED", "SHIPPED", "DELIVERED")) {
            api.post("/api/ops/orders/" + returned + "/shipments/" + shipment + "/events", ops, Map.of("step", step));
        }
        awaitOrderStatus(returned, "DELIVERED");
        Reply asked = api.post("/api/returns", shopper, Map.of("orderId", returned, "lineId", second.get("lineId"),
                "reason", "TOO_SMALL"));
        assertEquals(201, asked.status(), asked::toString);
        Reply received = api.post("/api/ops/returns/" + asked.body().get("returnId") + "/receipt", ops,
                Map.of("condition", "RESELLABLE"));
        assertEquals("59.00", received.body().get("refundAmount"), received::toString);

        WorkflowClient client = server.getApplicationContext().getBean(WorkflowClient.class);
        for (String orderId : List.of(shipped, cancelled, returned)) {
            Map<String, Object> order = api.get("/api/orders/" + orderId, shopper).body();
            await(() -> client.listExecutions("WorkflowType = 'OrderWorkflow' AND OrderId = '" + orderId + "'")
                            .map(execution -> execution.getTypedSearchAttributes().get(OrderSearchAttributes.ORDER_STATUS))
                            .toList(),
                    statuses -> statuses.equals(List.of(order.get("status"))));
            assertEquals(order.get("status"), api.get("/api/ops/orders/" + orderId, ops).body().get("status"));
        }
    }

    private String orderOfTwo() {
        Reply started = api.post("/api/checkouts", shopper, Map.of(
                "items", List.of(Map.of("productId", product(5), "size", "M", "quantity", 1),
                        Map.of("productId", product(5), "size", "M", "quantity", 1)),
                "paymentMethod", "pm_card_visa",
                "shippingAddress", Map.of("name", "Ada Real", "line1", "1 Engine Street", "city", "London",
                        "postalCode", "N1 9GU", "country", "GB")), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(202, started.status(), started::toString);
        String checkoutId = (String) started.body().get("checkoutId");
        return (String) await(() -> api.get("/api/checkouts/" + checkoutId, shopper),
                reply -> "COMPLETED".equals(reply.body().get("status"))).body().get("orderId");
    }

    private void awaitOrderStatus(String orderId, String status) {
        await(() -> api.get("/api/orders/" + orderId, shopper), reply -> status.equals(reply.body().get("status")));
    }

    /** The checkout's workflow id, as ops' list (Temporal visibility) shows it. */
    private String workflowIdOf(String checkoutId) {
        return (String) await(() -> api.get("/api/ops/checkouts?shopperId=" + shopperId + "&pageSize=100", ops),
                reply -> reply.items() != null && reply.items().stream()
                        .anyMatch(item -> checkoutId.equals(item.get("checkoutId")))).items().stream()
                .filter(item -> checkoutId.equals(item.get("checkoutId"))).findFirst().orElseThrow().get("workflowId");
    }

    private long product(int stock) {
        String sku = "REAL-" + UUID.randomUUID().toString().substring(0, 8);
        Reply saved = api.put("/api/ops/products/" + sku, ops, Map.of("name", "Real Server Dress",
                "description", "A dress on the real engine", "category", "dresses", "price", "59.00",
                "currency", "USD", "sizes", List.of(Map.of("size", "M", "stock", stock))));
        assertEquals(201, saved.status(), saved::toString);
        return ((Number) saved.body().get("id")).longValue();
    }

    private String checkout(long productId, String paymentMethod) {
        Reply started = api.post("/api/checkouts", shopper, Map.of(
                "items", List.of(Map.of("productId", productId, "size", "M", "quantity", 1)),
                "paymentMethod", paymentMethod,
                "shippingAddress", Map.of("name", "Ada Real", "line1", "1 Engine Street", "city", "London",
                        "postalCode", "N1 9GU", "country", "GB")), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(202, started.status(), started::toString);
        return (String) started.body().get("checkoutId");
    }

}
