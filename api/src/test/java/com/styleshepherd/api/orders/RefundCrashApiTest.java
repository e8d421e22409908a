package com.styleshepherd.api.orders;

import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.WorkerJvm;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.payments.PaymentSimulator;
import com.styleshepherd.payments.ProviderRefund;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A worker process dies (SIGKILL) in the middle of a return's refund, after the provider refunded and before
 * the worker heard: a new worker runs the refund again under the same key, and the shopper is refunded that
 * line's amount exactly once. The api runs here with no checkout worker; the workers are separate JVMs.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
@Property(name = "styleshepherd.worker.enabled", value = "false")
@Property(name = "styleshepherd.orders.answer-within", value = "3s")
class RefundCrashApiTest implements RealInfrastructure {

    static final Duration PATIENCE = Duration.ofSeconds(120);

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    PaymentSimulator simulator;

    @Test
    void aWorkerKilledMidRefundIsReplacedAndTheLineIsRefundedOnce() throws Exception {
        String shopper = tokens.shopper("refund-crash-" + UUID.randomUUID());
        String ops = tokens.ops("refund-crash-ops-" + UUID.randomUUID());
        Map<String, String> slowAnswers = WorkerJvm.testProperties();
        slowAnswers.put("styleshepherd.payment-simulator.refund-answer-delay", "60s");
        String orderId;
        String returnId;
        String intent;
        CompletableFuture<Reply> receipt;
        try (WorkerJvm first = WorkerJvm.start("refund-crash-worker-1", slowAnswers)) {
            Reply started = api.post("/api/checkouts", shopper, Map.of(
                    "items", List.of(Map.of("productId", fixtures.dress(5), "size", "M", "quantity", 1),
                            Map.of("productId", fixtures.dress(5), "size", "M", "quantity", 2)),
                    "paymentMethod", "pm_card_visa",
                    "shippingAddress", Map.of("name", "Ada Lovelace", "line1", "1 Loom Street", "city", "London",
                            "postalCode", "N1 9GU", "country", "GB")), key(newKey()));
            assertEquals(202, started.status(), started.body().toString());
            orderId = (String) fixtures.awaitCheckout((String) started.body().get("checkoutId"), shopper, PATIENCE,
                    reply -> "COMPLETED".equals(reply.body().get("status"))).body().get("orderId");
            intent = intentOf(orderId);
            fixtures.deliver(orderId, ops, shopper);
            Map<?, ?> line = (Map<?, ?>) ((List<?>) api.get("/api/orders/" + orderId, shopper).body().get("lines"))
                    .get(1);
            Reply requested = api.post("/api/returns", shopper, Map.of("orderId", orderId, "lineId", line.get("lineId"),
                    "reason", "TOO_SMALL"));
            assertEquals(201, requested.status(), requested.body().toString());
            returnId = (String) requested.body().get("returnId");

            // Ops receive it: the provider's answer is slow, so the api answers 202 (received, refund under way).
            receipt = CompletableFuture.supplyAsync(() -> api.post("/api/ops/returns/" + returnId + "/receipt", ops,
                    Map.of("condition", "RESELLABLE")));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (simulator.refundsOf(intent).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, simulator.refundsOf(intent).size(), "the provider refunded: " + first.output());

            assertNotEquals(0, first.killHard(), "the worker died before it heard the provider's answer");
        }
        Reply accepted = receipt.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(202, accepted.status(), accepted.body().toString());
        assertEquals("RECEIVED", accepted.body().get("status"));
        assertEquals("RECEIVED", api.get("/api/returns/" + returnId, shopper).body().get("status"),
                "nothing recorded the refund: the worker died first");

        try (WorkerJvm second = WorkerJvm.start("refund-crash-worker-2", WorkerJvm.testProperties())) {
            // The update waits in the workflow for the refund activity's timeout and retry on the new worker: the
            // receipt's own answer may time out at the client meanwhile; the return says how it ended.
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Reply refunded;
            do {
                Thread.sleep(200);
                refunded = api.get("/api/returns/" + returnId, shopper);
            } while (!"REFUNDED".equals(refunded.body().get("status")) && System.nanoTime() < deadline);
            assertEquals("REFUNDED", refunded.body().get("status"), second.output());
            assertEquals("178.00", refunded.body().get("refundAmount"));
            // A query needs a worker to answer it: asked while this one runs.
            assertEquals("178.00", api.get("/api/ops/orders/" + orderId, ops).body().get("refunded"));
        }

        assertEquals(List.of(17_800L), simulator.refundsOf(intent).stream().map(ProviderRefund::amount).toList(),
                "one refund at the provider, of the returned line's two units");
        Map<String, Object> order = api.get("/api/orders/" + orderId, shopper).body();
        assertEquals("178.00", order.get("refundedAmount"));
        assertEquals("PARTIALLY_REFUNDED", order.get("paymentStatus"));
    }

    private String intentOf(String orderId) {
        return fixtures.read(jdbc -> jdbc.prepareStatement("""
                SELECT p.provider_payment_id FROM payments p JOIN orders o ON o.checkout_id = p.checkout_id
                WHERE o.id = CAST(? AS uuid) AND p.status = 'SUCCEEDED'""", statement -> {
            statement.setString(1, orderId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }));
    }
}
