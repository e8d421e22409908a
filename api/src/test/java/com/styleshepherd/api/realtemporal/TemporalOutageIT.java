package com.styleshepherd.api.realtemporal;

import static com.styleshepherd.api.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.security.DevTokens;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.PaymentLedger;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The workflow engine goes down under the api (the real Temporal server is stopped): a checkout answers
 * {@code 503 /problems/workflow-engine-unavailable} with {@code Retry-After} within the api's call window
 * (1.5 s of retries), readiness says DOWN, and nothing is lost: the checkout the shopper asked for is kept,
 * and the shopper's retry with the same key, once the engine is back, completes it exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporalOutageIT {

    /** "Not a hang": the call window is 1.5 s; the rest is slack for a loaded CI machine. */
    private static final Duration QUICK = Duration.ofSeconds(5);

    private RealTemporalStack stack;
    private Api api;
    private String ops;
    private String shopper;

    @BeforeAll
    void start() {
        stack = RealTemporalStack.start(Map.of());
        api = stack.api();
        Tokens tokens = new Tokens(stack.server().getApplicationContext().getBean(DevTokens.class));
        ops = tokens.ops("outage-ops");
        shopper = tokens.shopper("outage-" + UUID.randomUUID());
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void whileTheEngineIsDownACheckoutAnswers503AndTheShoppersRetryCompletesItOnceItIsBack() {
        String sku = "OUTAGE-" + UUID.randomUUID().toString().substring(0, 8);
        Reply saved = api.put("/api/ops/products/" + sku, ops, Map.of("name", "Outage Dress", "description",
                "A dress for a down engine", "category", "dresses", "price", "40.00", "currency", "USD",
                "sizes", List.of(Map.of("size", "M", "stock", 2))));
        assertEquals(201, saved.status(), saved::toString);
        Map<String, Object> body = Map.of(
                "items", List.of(Map.of("productId", saved.body().get("id"), "size", "M", "quantity", 1)),
                "paymentMethod", "pm_card_visa",
                "shippingAddress", Map.of("name", "Ada Outage", "line1", "1 Engine Street", "city", "London",
                        "postalCode", "N1 9GU", "country", "GB"));
        Map<String, String> key = Map.of("Idempotency-Key", "engine-down-" + UUID.randomUUID());

        stack.stopTemporal();
        long began = System.nanoTime();
        Reply refused = api.post("/api/checkouts", shopper, body, key);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertEquals(503, refused.status(), refused::toString);
        assertEquals("/problems/workflow-engine-unavailable", refused.body().get("type"), refused::toString);
        assertTrue(refused.header("Retry-After").isPresent(), "Retry-After");
        assertTrue(took.compareTo(QUICK) < 0, "answered in " + took.toMillis() + " ms");
        Reply health = await(() -> api.get("/health"), reply -> reply.status() == 503);
        assertEquals(503, health.status(), "readiness says the engine is gone");

        stack.restartTemporal();
        Reply retried = await(() -> api.post("/api/checkouts", shopper, body, key), reply -> reply.status() == 202);
        String checkoutId = (String) retried.body().get("checkoutId");
        Reply completed = await(() -> api.get("/api/checkouts/" + checkoutId, shopper),
                reply -> "COMPLETED".equals(reply.body().get("status")));

        EmbeddedServer server = stack.server();
        UUID id = UUID.fromString(checkoutId);
        assertEquals("COMPLETED", completed.body().get("status"));
        assertEquals(1, server.getApplicationContext().getBean(OrderBook.class).countForCheckout(id), "one order");
        assertEquals(1, server.getApplicationContext().getBean(PaymentLedger.class).countSucceeded(id), "one charge");
    }
}
