package com.styleshepherd.api.realtemporal;

import static com.styleshepherd.api.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.WorkerJvm;
import com.styleshepherd.api.security.DevTokens;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.PaymentLedger;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The checkout worker killed (SIGKILL) in the middle of checkouts on the real Temporal server, with sticky
 * workflow queues as production runs them, and a new worker process started: every checkout completes,
 * each with exactly one order and one payment that succeeded, and the stock is exact. The api runs in this
 * JVM without a checkout worker of its own; the worker is a separate JVM ({@link WorkerJvm}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealTemporalCrashIT {

    private static final int CHECKOUTS = 6;

    private RealTemporalStack stack;
    private EmbeddedServer server;
    private Api api;
    private Map<String, String> workerProperties;

    @BeforeAll
    void start() {
        stack = RealTemporalStack.start(Map.of("styleshepherd.worker.enabled", false));
        server = stack.server();
        api = stack.api();
        workerProperties = new HashMap<>(WorkerJvm.testProperties());
        workerProperties.put("temporal.address", stack.temporal().target());
        workerProperties.putAll(RealTemporalStack.REAL_SERVER_WORKERS);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void checkoutsInFlightWhenTheWorkerDiesCompleteOnceOnANewWorker() throws Exception {
        Tokens tokens = new Tokens(server.getApplicationContext().getBean(DevTokens.class));
        String shopper = tokens.shopper("crash-real-" + UUID.randomUUID());
        Reply product = api.put("/api/ops/products/CRASH-" + UUID.randomUUID().toString().substring(0, 8),
                tokens.ops("ops1"), Map.of("name", "Crash Coat", "description", "Survives a crash",
                        "category", "outerwear", "price", "120.00", "currency", "USD",
                        "sizes", List.of(Map.of("size", "M", "stock", 10))));
        assertEquals(201, product.status(), product::toString);
        long productId = ((Number) product.body().get("id")).longValue();

        List<String> checkouts = new ArrayList<>();
        try (WorkerJvm first = WorkerJvm.start("real-crash-worker-1", workerProperties)) {
            for (int i = 0; i < CHECKOUTS; i++) {
                // 3-D Secure keeps each one waiting in the middle of its saga, stock held, intent created.
                Reply accepted = api.post("/api/checkouts", shopper, Map.of(
                        "items", List.of(Map.of("productId", productId, "size", "M", "quantity", 1)),
                        "paymentMethod", "pm_card_threeDSecure2Required",
                        "shippingAddress", Map.of("name", "Ada", "line1", "1 Crash Street", "city", "London",
                                "postalCode", "N1 9GU", "country", "GB")),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                assertEquals(202, accepted.status(), accepted::toString);
                checkouts.add((String) accepted.body().get("checkoutId"));
            }
            for (String checkoutId : checkouts) {
                await(() -> api.get("/api/checkouts/" + checkoutId, shopper),
                        reply -> "PAYMENT_ACTION_REQUIRED".equals(reply.body().get("status")));
            }
            assertNotEquals(0, first.killHard(), "the worker died, it did not exit cleanly");
            assertFalse(first.isAlive());
        }

        // While no worker runs, every shopper finishes 3-D Secure: the api stores and signals the webhooks.
        for (String checkoutId : checkouts) {
            Map<?, ?> payment = (Map<?, ?>) api.get("/api/checkouts/" + checkoutId, shopper).body().get("payment");
            String secret = (String) payment.get("clientSecret");
            Reply webhook = api.post("/api/dev/payments/" + secret.substring(0, secret.indexOf("_secret_"))
                    + "/complete-action", shopper, Map.of());
            assertEquals(200, webhook.status(), webhook::toString);
        }

        try (WorkerJvm second = WorkerJvm.start("real-crash-worker-2", workerProperties)) {
            for (String checkoutId : checkouts) {
                await(() -> api.get("/api/checkouts/" + checkoutId, shopper),
                        reply -> "COMPLETED".equals(reply.body().get("status")));
            }
        }

        OrderBook orders = server.getApplicationContext().getBean(OrderBook.class);
        PaymentLedger payments = server.getApplicationContext().getBean(PaymentLedger.class);
        for (String checkoutId : checkouts) {
            assertEquals(1, orders.countForCheckout(UUID.fromString(checkoutId)), "one order for " + checkoutId);
            assertEquals(1, payments.countSucceeded(UUID.fromString(checkoutId)), "one payment for " + checkoutId);
        }
        Reply stock = api.get("/api/products/" + productId);
        int left = ((List<?>) stock.body().get("sizes")).stream().map(Map.class::cast)
                .filter(size -> "M".equals(size.get("size"))).mapToInt(size -> ((Number) size.get("stock")).intValue())
                .findFirst().orElseThrow();
        assertEquals(10 - CHECKOUTS, left, "each unit sold once");
    }
}
