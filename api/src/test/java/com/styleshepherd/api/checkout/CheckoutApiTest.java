package com.styleshepherd.api.checkout;

import static com.styleshepherd.api.checkout.CheckoutFixtures.body;
import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.stripe.net.Webhook;
import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.store.checkout.CheckoutRecord;
import com.styleshepherd.store.checkout.CheckoutStore;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.PaymentLedger;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.workflows.checkout.CheckoutWorkflow;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The checkout over HTTP, end to end: real PostgreSQL and Redis, the Temporal test server, both
 * workers in-process and the local payment simulator. Time limits are seconds, not minutes.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
@Property(name = "styleshepherd.checkout.payment-retry-window", value = "3s")
@Property(name = "styleshepherd.checkout.payment-action-timeout", value = "5s")
class CheckoutApiTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    OrderBook orders;

    @Inject
    PaymentLedger payments;

    @Inject
    CheckoutStore checkouts;

    @Inject
    @Client("/")
    HttpClient http;

    private String shopper;
    private String otherShopper;
    private String ops;

    @BeforeAll
    void setUp() {
        shopper = tokens.shopper("shopper-" + UUID.randomUUID());
        otherShopper = tokens.shopper("other-" + UUID.randomUUID());
        ops = tokens.ops("ops-" + UUID.randomUUID());
    }

    @Test
    void aCheckoutPricesFromTheCatalogReservesPaysAndPlacesTheOrder() {
        long dress = fixtures.dress(10);

        Reply started = api.post("/api/checkouts", shopper, body(dress, "M", 2, "pm_card_visa"), key(newKey()));

        assertEquals(202, started.status(), started.body().toString());
        String checkoutId = (String) started.body().get("checkoutId");
        assertEquals("/api/checkouts/" + checkoutId, started.header("Location").orElseThrow());
        Reply done = fixtures.awaitStatus(checkoutId, shopper, "COMPLETED");
        assertEquals("178.00", done.body().get("total"));
        assertEquals("SUCCEEDED", ((Map<?, ?>) done.body().get("payment")).get("status"));
        assertNotNull(((Map<?, ?>) done.body().get("returnRisk")).get("level"));
        String orderId = (String) done.body().get("orderId");
        Reply order = api.get("/api/orders/" + orderId, shopper);
        assertEquals(200, order.status());
        assertEquals("178.00", order.body().get("total"));
        assertEquals(8, fixtures.stock(dress, "M"));
        assertEquals(1, orders.countForCheckout(UUID.fromString(checkoutId)));
        assertEquals(1, payments.countSucceeded(UUID.fromString(checkoutId)));
        assertTrue(api.get("/api/orders", shopper).items().stream().anyMatch(o -> orderId.equals(o.get("orderId"))));
    }

    @Test
    void theRequestIdShopperAndCheckoutReachTheWorkersLogLines() {
        String shopperId = "logged-" + UUID.randomUUID();
        String requestId = "req-" + UUID.randomUUID();
        String key = newKey();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        try {
            Map<String, String> headers = new java.util.HashMap<>(key(key));
            headers.put("X-Request-Id", requestId);
            Reply started = api.post("/api/checkouts", tokens.shopper(shopperId),
                    body(fixtures.dress(3), "M", 1, "pm_card_visa"), headers);
            assertEquals(requestId, started.header("X-Request-Id").orElseThrow(), "the id is echoed");
            String checkoutId = (String) started.body().get("checkoutId");
            fixtures.awaitStatus(checkoutId, tokens.shopper(shopperId), "COMPLETED");

            ILoggingEvent orderPlaced = logs.list.stream()
                    .filter(event -> event.getFormattedMessage().startsWith("Order ")
                            && checkoutId.equals(event.getMDCPropertyMap().get("checkoutId")))
                    .findFirst().orElseThrow(() -> new AssertionError("no 'Order placed' line for " + checkoutId));
            assertEquals(Map.of("requestId", requestId, "userId", shopperId, "checkoutId", checkoutId,
                            "WorkflowId", CheckoutWorkflow.workflowId(CheckoutWorkflow.shopperKey(shopperId, key)), "ActivityType", "PlaceOrder"),
                    Map.of("requestId", orderPlaced.getMDCPropertyMap().get("requestId"),
                            "userId", orderPlaced.getMDCPropertyMap().get("userId"),
                            "checkoutId", orderPlaced.getMDCPropertyMap().get("checkoutId"),
                            "WorkflowId", orderPlaced.getMDCPropertyMap().get("WorkflowId"),
                            "ActivityType", orderPlaced.getMDCPropertyMap().get("ActivityType")));
        } finally {
            root.detachAppender(logs);
        }
    }

    @Test
    void aRequestIdThatIsNotASaneTokenIsReplacedByANewOne() {
        Reply reply = api.get("/api/checkouts/" + UUID.randomUUID(), shopper,
                Map.of("X-Request-Id", "<script>alert(1)</script>"));

        String id = reply.header("X-Request-Id").orElseThrow();
        assertEquals(36, id.length(), id);
        assertEquals(id, UUID.fromString(id).toString());
    }

    @Test
    void anotherShoppersCheckoutAndOrderAreNotFound() {
        Reply started = api.post("/api/checkouts", shopper, body(fixtures.dress(5), "M", 1, "pm_card_visa"),
                key(newKey()));
        String checkoutId = (String) started.body().get("checkoutId");
        String orderId = (String) fixtures.awaitStatus(checkoutId, shopper, "COMPLETED").body().get("orderId");

        assertEquals(404, api.get("/api/checkouts/" + checkoutId, otherShopper).status());
        assertEquals(404, api.get("/api/orders/" + orderId, otherShopper).status());
        assertEquals(200, api.get("/api/checkouts/" + checkoutId, ops).status(), "ops see every checkout");
        assertEquals(401, api.get("/api/checkouts/" + checkoutId).status());
    }

    @Test
    void theSameKeyAndBodyReplayTheSameCheckoutAndADifferentBodyIsRefusedWhileAnotherShoppersKeyIsTheirOwn() {
        long dress = fixtures.dress(5);
        String idempotencyKey = newKey();
        Reply first = api.post("/api/checkouts", shopper, body(dress, "M", 1, "pm_card_visa"), key(idempotencyKey));

        Reply again = api.post("/api/checkouts", shopper, body(dress, "M", 1, "pm_card_visa"), key(idempotencyKey));
        Reply changed = api.post("/api/checkouts", shopper, body(dress, "M", 2, "pm_card_visa"), key(idempotencyKey));
        Reply someoneElse = api.post("/api/checkouts", otherShopper, body(dress, "M", 1, "pm_card_visa"),
                key(idempotencyKey));

        assertEquals(202, again.status());
        assertEquals(first.body().get("checkoutId"), again.body().get("checkoutId"));
        assertEquals("true", again.header("Idempotent-Replayed").orElseThrow());
        assertEquals(422, changed.status());
        assertEquals(202, someoneElse.status(), "keys are per shopper: nothing tells them the key was used");
        assertEquals(null, someoneElse.header("Idempotent-Replayed").orElse(null));
        assertTrue(!first.body().get("checkoutId").equals(someoneElse.body().get("checkoutId")), "their own checkout");
        fixtures.awaitStatus((String) first.body().get("checkoutId"), shopper, "COMPLETED");
        fixtures.awaitStatus((String) someoneElse.body().get("checkoutId"), otherShopper, "COMPLETED");
        assertEquals(3, fixtures.stock(dress, "M"), "one checkout each, one unit each");
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndChangeNothing() {
        long dress = fixtures.dress(5);

        Reply noKey = api.post("/api/checkouts", shopper, body(dress, "M", 1, "pm_card_visa"), Map.of());
        Reply noItems = api.post("/api/checkouts", shopper, Map.of("items", List.of(), "paymentMethod", "pm_card_visa",
                "shippingAddress", body(dress, "M", 1, "pm_card_visa").get("shippingAddress")), key(newKey()));
        Reply unknownProduct = api.post("/api/checkouts", shopper, body(999_999_999L, "M", 1, "pm_card_visa"),
                key(newKey()));
        Reply unknownSize = api.post("/api/checkouts", shopper, body(dress, "XXXL", 1, "pm_card_visa"), key(newKey()));
        Reply badQuantity = api.post("/api/checkouts", shopper, body(dress, "M", 0, "pm_card_visa"), key(newKey()));
        Reply badMethod = api.post("/api/checkouts", shopper, body(dress, "M", 1, "4242424242424242"), key(newKey()));

        assertEquals(400, noKey.status());
        assertEquals(List.of("Idempotency-Key"), noKey.violatedFields());
        assertEquals(400, noItems.status());
        assertEquals(List.of("items"), noItems.violatedFields());
        assertEquals(422, unknownProduct.status());
        assertEquals(List.of("items[0].productId"), unknownProduct.violatedFields());
        assertEquals(422, unknownSize.status());
        assertEquals(List.of("items[0].size"), unknownSize.violatedFields());
        assertEquals(400, badQuantity.status());
        assertTrue(badQuantity.violatedFields().getFirst().contains("quantity"), badQuantity.violatedFields().toString());
        assertEquals(400, badMethod.status());
        assertEquals(List.of("paymentMethod"), badMethod.violatedFields());
        assertEquals(5, fixtures.stock(dress, "M"));
    }

    @Test
    void notEnoughStockIsAConflictAndNothingIsCharged() {
        long dress = fixtures.dress(1);

        Reply reply = api.post("/api/checkouts", shopper, body(dress, "M", 2, "pm_card_visa"), key(newKey()));

        assertEquals(409, reply.status());
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        assertEquals(1, fixtures.stock(dress, "M"));
    }

    @Test
    void theConflictNamesTheFirstLineThatIsShort() {
        long plenty = fixtures.dress(10);
        long scarce = fixtures.dress(1);
        Map<String, Object> body = new java.util.HashMap<>(body(plenty, "M", 1, "pm_card_visa"));
        body.put("items", List.of(Map.of("productId", plenty, "size", "M", "quantity", 1),
                Map.of("productId", scarce, "size", "M", "quantity", 3)));

        Reply reply = api.post("/api/checkouts", shopper, body, key(newKey()));

        assertEquals(409, reply.status(), reply.body().toString());
        assertTrue(String.valueOf(reply.body().get("detail")).contains("items[1]"), reply.body().toString());
        assertEquals(10, fixtures.stock(plenty, "M"));
    }

    @Test
    void aDeclinedCardCanBeReplacedAndTheCheckoutCompletes() {
        long dress = fixtures.dress(5);
        String checkoutId = (String) api.post("/api/checkouts", shopper, body(dress, "M", 1, "pm_card_chargeDeclined"),
                key(newKey())).body().get("checkoutId");
        Reply declined = fixtures.awaitStatus(checkoutId, shopper, "PAYMENT_DECLINED");
        assertEquals("generic_decline", ((Map<?, ?>) declined.body().get("payment")).get("declineCode"));

        Reply retried = api.post("/api/checkouts/" + checkoutId + "/payment-method", shopper,
                Map.of("paymentMethod", "pm_card_visa"));

        assertEquals(200, retried.status(), retried.body().toString());
        assertEquals("COMPLETED", retried.body().get("status"));
        assertEquals(2, ((Number) ((Map<?, ?>) retried.body().get("payment")).get("attempts")).intValue());
        assertEquals(409, api.post("/api/checkouts/" + checkoutId + "/payment-method", shopper,
                Map.of("paymentMethod", "pm_card_visa")).status(), "a completed checkout takes no new card");
        assertEquals(1, payments.countSucceeded(UUID.fromString(checkoutId)));
    }

    @Test
    void aDeclineNobodyFixesCancelsAndReturnsTheStockThenOpsRetryStartsANewRun() {
        long dress = fixtures.dress(3);
        String checkoutId = (String) api.post("/api/checkouts", shopper, body(dress, "M", 1, "pm_card_chargeDeclined"),
                key(newKey())).body().get("checkoutId");

        Reply cancelled = fixtures.awaitStatus(checkoutId, shopper, "CANCELLED");

        assertEquals("PAYMENT_DECLINED", cancelled.body().get("failureReason"));
        assertEquals("CANCELLED", ((Map<?, ?>) cancelled.body().get("payment")).get("status"));
        assertEquals(3, fixtures.stock(dress, "M"), "the hold went back to stock");
        Reply listed = api.get("/api/ops/checkouts?status=CANCELLED", ops);
        assertEquals(501, listed.status(), "the embedded test server has no visibility store (RealTemporalIT lists)");
        assertTrue(((String) listed.body().get("detail")).contains("visibility"), listed::toString);

        Reply retried = api.post("/api/ops/checkouts/" + checkoutId + "/retry", ops, Map.of());

        assertEquals(202, retried.status(), retried.body().toString());
        assertEquals("CANCELLED", retried.body().get("previousStatus"));
        assertEquals("PAYMENT_DECLINED", retried.body().get("previousFailureReason"));
        fixtures.awaitStatus(checkoutId, shopper, "PAYMENT_DECLINED");
        CheckoutRecord row = checkouts.find(UUID.fromString(checkoutId)).orElseThrow();
        assertEquals(2, row.runs(), "the new run recorded itself on the row");
        assertEquals(retried.body().get("runId"), row.firstRunId());
        Reply fixed = api.post("/api/checkouts/" + checkoutId + "/payment-method", shopper,
                Map.of("paymentMethod", "pm_card_visa"));
        assertEquals("COMPLETED", fixed.body().get("status"));
        assertEquals(409, api.post("/api/ops/checkouts/" + checkoutId + "/retry", ops, Map.of()).status());
        assertEquals(2, fixtures.stock(dress, "M"));
    }

    @Test
    void threeDSecureWaitsForTheWebhookThatTheDevEndpointSends() {
        String checkoutId = (String) api.post("/api/checkouts", shopper,
                body(fixtures.dress(5), "M", 1, "pm_card_threeDSecure2Required"), key(newKey())).body().get("checkoutId");
        Reply waiting = fixtures.awaitStatus(checkoutId, shopper, "PAYMENT_ACTION_REQUIRED");
        Map<?, ?> payment = (Map<?, ?>) waiting.body().get("payment");
        String clientSecret = (String) payment.get("clientSecret");
        String intentId = clientSecret.substring(0, clientSecret.indexOf("_secret_"));

        Reply byAnother = api.post("/api/dev/payments/" + intentId + "/complete-action", otherShopper, Map.of());
        assertEquals(404, byAnother.status(), "only the checkout's shopper finishes its 3-D Secure step");
        assertEquals("PAYMENT_ACTION_REQUIRED", api.get("/api/checkouts/" + checkoutId, shopper).body().get("status"));

        Reply completed = api.post("/api/dev/payments/" + intentId + "/complete-action", shopper, Map.of());

        assertEquals(200, completed.status(), completed.body().toString());
        assertEquals("PROCESSED", completed.body().get("outcome"));
        fixtures.awaitStatus(checkoutId, shopper, "COMPLETED");
    }

    @Test
    void threeDSecureNeverCompletedCancelsTheCheckout() {
        long dress = fixtures.dress(2);
        String checkoutId = (String) api.post("/api/checkouts", shopper,
                body(dress, "M", 1, "pm_card_threeDSecure2Required"), key(newKey())).body().get("checkoutId");

        Reply cancelled = fixtures.awaitStatus(checkoutId, shopper, "CANCELLED");

        assertEquals("PAYMENT_ACTION_TIMEOUT", cancelled.body().get("failureReason"));
        assertEquals(2, fixtures.stock(dress, "M"));
    }

    @Test
    void webhooksWithABadSignatureAreRefusedAndRepeatsAreNoOps() throws Exception {
        String payload = "{\"id\":\"evt_test_" + UUID.randomUUID() + "\",\"object\":\"event\",\"type\":"
                + "\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_unknown\",\"object\":\"payment_intent\"}}}";
        String good = Webhook.Signature.generateSignatureHeader(payload, "whsec_test_only_secret");
        String bad = Webhook.Signature.generateSignatureHeader(payload, "whsec_someone_else");

        assertEquals(400, webhook(payload, bad));
        assertEquals(400, webhook(payload, null));
        assertEquals(200, webhook(payload, good));
        assertEquals(200, webhook(payload, good));
        int stored = fixtures.read(db -> db.prepareStatement(
                "SELECT count(*) FROM stripe_webhook_events WHERE payload ->> 'id' = ?", statement -> {
                    statement.setString(1, payload.substring(7, payload.indexOf('"', 8)));
                    try (var rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                }));
        assertEquals(1, stored);
    }

    @Test
    void opsReplayACheckoutsHistoryAgainstTheRunningCode() {
        String checkoutId = (String) api.post("/api/checkouts", shopper, body(fixtures.dress(5), "M", 1, "pm_card_visa"),
                key(newKey())).body().get("checkoutId");
        fixtures.awaitStatus(checkoutId, shopper, "COMPLETED");

        Reply replay = api.post("/api/ops/checkouts/" + checkoutId + "/replay", ops, Map.of());

        assertEquals(200, replay.status(), replay.body().toString());
        assertEquals(true, replay.body().get("deterministic"));
        assertTrue(((Number) replay.body().get("events")).intValue() > 20);
        assertEquals(403, api.post("/api/ops/checkouts/" + checkoutId + "/replay", shopper, Map.of()).status());
    }

    private int webhook(String payload, String signature) {
        var request = HttpRequest.POST("/api/webhooks/stripe", payload).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        try {
            return http.toBlocking().exchange(request, String.class).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
