package com.styleshepherd.api.orders;

import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.payments.PaymentSimulator;
import com.styleshepherd.payments.ProviderRefund;
import com.styleshepherd.shipping.CarrierWebhooks;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The order after checkout over HTTP, with the order workflows on in-process workers, the payment simulator
 * and real PostgreSQL: shipped in two parts, cancelled with its money and stock back, one line of two returned
 * and refunded once. The shopper's api, ops' api and the workflow say the same at every step.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
class OrderLifecycleApiTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    PaymentSimulator simulator;

    @Inject
    CarrierWebhooks carrierWebhooks;

    private String shopper;
    private String ops;

    @BeforeAll
    void setUp() {
        shopper = tokens.shopper("lifecycle-" + UUID.randomUUID());
        ops = tokens.ops("warehouse-" + UUID.randomUUID());
    }

    /** A completed checkout of these (product, quantity) lines in size M: the order as the shopper reads it. */
    private Map<String, Object> order(long[][] lines) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (long[] line : lines) {
            items.add(Map.of("productId", line[0], "size", "M", "quantity", (int) line[1]));
        }
        Reply started = api.post("/api/checkouts", shopper, Map.of("items", items, "paymentMethod", "pm_card_visa",
                "shippingAddress", Map.of("name", "Ada Lovelace", "line1", "1 Loom Street", "city", "London",
                        "postalCode", "N1 9GU", "country", "GB")), key(newKey()));
        assertEquals(202, started.status(), started.body().toString());
        String orderId = (String) fixtures.awaitStatus((String) started.body().get("checkoutId"), shopper, "COMPLETED")
                .body().get("orderId");
        return api.get("/api/orders/" + orderId, shopper).body();
    }

    private static List<Map<?, ?>> lines(Map<String, Object> order) {
        return ((List<?>) order.get("lines")).stream().<Map<?, ?>>map(line -> (Map<?, ?>) line).toList();
    }

    private List<ProviderRefund> refundsAtTheProvider(String orderId) {
        String intent = fixtures.read(jdbc -> jdbc.prepareStatement("""
                SELECT p.provider_payment_id FROM payments p JOIN orders o ON o.checkout_id = p.checkout_id
                WHERE o.id = CAST(? AS uuid) AND p.status IN ('SUCCEEDED', 'REFUNDED')""", statement -> {
            statement.setString(1, orderId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }));
        return simulator.refundsOf(intent);
    }

    private Map<String, Object> opsView(String orderId) {
        Reply reply = api.get("/api/ops/orders/" + orderId, ops);
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body();
    }

    @Test
    void anOrderShipsInTwoPartsAndIsDeliveredWhenBothArrived() {
        Map<String, Object> order = order(new long[][] {{fixtures.dress(5), 1}, {fixtures.dress(5), 1}});
        String orderId = (String) order.get("orderId");
        List<Map<?, ?>> lines = lines(order);
        String first = (String) api.post("/api/ops/orders/" + orderId + "/shipments", ops,
                Map.of("lineIds", List.of(lines.get(0).get("lineId")))).body().get("shipmentId");
        String second = (String) api.post("/api/ops/orders/" + orderId + "/shipments", ops,
                Map.of("lineIds", List.of(lines.get(1).get("lineId")))).body().get("shipmentId");

        fixtures.report(orderId, first, "LABEL_CREATED", ops);
        fixtures.report(orderId, first, "SHIPPED", ops);
        fixtures.awaitOrder(orderId, shopper, "PARTIALLY_SHIPPED");
        assertEquals("PARTIALLY_SHIPPED", opsView(orderId).get("status"));
        fixtures.report(orderId, second, "LABEL_CREATED", ops);
        fixtures.report(orderId, second, "SHIPPED", ops);
        fixtures.awaitOrder(orderId, shopper, "SHIPPED");
        fixtures.report(orderId, first, "DELIVERED", ops);
        fixtures.report(orderId, second, "DELIVERED", ops);
        fixtures.awaitOrder(orderId, shopper, "DELIVERED");

        Map<String, Object> view = opsView(orderId);
        assertEquals("DELIVERED", view.get("status"));
        assertEquals(Boolean.TRUE, view.get("returnWindowOpen"));
        assertEquals(2, ((List<?>) view.get("shipments")).size());
        assertEquals("DELIVERED", api.get("/api/ops/orders/" + orderId + "/shipments/" + first, ops).body().get("step"));
    }

    @Test
    void anOrderCancelledBeforeShipmentIsRefundedInFullOnceAndItsStockComesBack() {
        long dress = fixtures.dress(10);
        Map<String, Object> order = order(new long[][] {{dress, 2}});
        String orderId = (String) order.get("orderId");
        assertEquals(8, fixtures.stock(dress, "M"));

        Reply cancelled = api.post("/api/orders/" + orderId + "/cancel", shopper, Map.of());

        assertEquals(200, cancelled.status(), cancelled.body().toString());
        assertEquals("CANCELLED", cancelled.body().get("status"));
        assertEquals("REFUNDED", cancelled.body().get("paymentStatus"));
        assertEquals("178.00", cancelled.body().get("refundedAmount"));
        assertEquals(10, fixtures.stock(dress, "M"), "the stock is back");
        assertEquals(List.of(17_800L), refundsAtTheProvider(orderId).stream().map(ProviderRefund::amount).toList());

        Reply again = api.post("/api/orders/" + orderId + "/cancel", shopper, Map.of());
        assertEquals(200, again.status(), "cancelling again answers the cancelled order");
        assertEquals(1, refundsAtTheProvider(orderId).size(), "and refunds nothing more");
        assertEquals(10, fixtures.stock(dress, "M"));
        Map<String, Object> view = opsView(orderId);
        assertEquals("CANCELLED", view.get("status"));
        assertEquals("REFUNDED", view.get("paymentStatus"));
        assertEquals("178.00", view.get("refunded"));
        assertEquals(404, api.post("/api/orders/" + orderId + "/cancel", tokens.shopper("other-" + UUID.randomUUID()),
                Map.of()).status());
    }

    @Test
    void opsCallOffAShipmentBeforeItLeftAndItsLinesShipAgain() {
        long dress = fixtures.dress(5);
        Map<String, Object> order = order(new long[][] {{dress, 1}});
        String orderId = (String) order.get("orderId");
        String first = (String) api.post("/api/ops/orders/" + orderId + "/shipments", ops, Map.of()).body()
                .get("shipmentId");
        fixtures.report(orderId, first, "LABEL_CREATED", ops);

        Reply calledOff = api.post("/api/ops/orders/" + orderId + "/shipments/" + first + "/cancel", ops, Map.of());

        assertEquals(200, calledOff.status(), calledOff.body().toString());
        assertEquals("CANCELLED", calledOff.body().get("step"));
        assertEquals(403, api.post("/api/ops/orders/" + orderId + "/shipments/" + first + "/cancel", shopper,
                Map.of()).status());
        Reply twice = api.post("/api/ops/orders/" + orderId + "/shipments/" + first + "/cancel", ops, Map.of());
        assertEquals(List.of(200, "CANCELLED"), List.of(twice.status(), twice.body().get("step")), "asked twice");
        assertEquals(4, fixtures.stock(dress, "M"), "the goods never left: stock is untouched");
        Reply second = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            // The order hears of it a moment later; until then its line is still in the first shipment.
            second = api.post("/api/ops/orders/" + orderId + "/shipments", ops, Map.of());
            if (second.status() == 201) {
                break;
            }
            pause();
        }
        assertEquals(201, second.status(), second.body().toString());
        String again = (String) second.body().get("shipmentId");
        for (String step : List.of("LABEL_CREATED", "SHIPPED")) {
            fixtures.report(orderId, again, step, ops);
        }
        assertEquals(409, api.post("/api/ops/orders/" + orderId + "/shipments/" + again + "/cancel", ops, Map.of())
                .status(), "it has left");
        fixtures.report(orderId, again, "DELIVERED", ops);
        fixtures.awaitOrder(orderId, shopper, "DELIVERED");
        List<?> shipments = (List<?>) opsView(orderId).get("shipments");
        assertEquals(List.of("CANCELLED", "DELIVERED"), shipments.stream().map(s -> ((Map<?, ?>) s).get("step"))
                .toList());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void anOrderThatShippedIsNotCancelledAndTheAnswerSaysWhyAndOffersAReturn() {
        Map<String, Object> order = order(new long[][] {{fixtures.dress(5), 1}});
        String orderId = (String) order.get("orderId");
        String shipmentId = (String) api.post("/api/ops/orders/" + orderId + "/shipments", ops, Map.of()).body()
                .get("shipmentId");
        fixtures.report(orderId, shipmentId, "LABEL_CREATED", ops);
        fixtures.report(orderId, shipmentId, "SHIPPED", ops);
        fixtures.awaitOrder(orderId, shopper, "SHIPPED");

        Reply refused = api.post("/api/orders/" + orderId + "/cancel", shopper, Map.of());

        assertEquals(409, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertTrue(((String) refused.body().get("detail")).contains("return it once delivered"), refused.body().toString());
        assertEquals("SHIPPED", api.get("/api/orders/" + orderId, shopper).body().get("status"));
        assertTrue(refundsAtTheProvider(orderId).isEmpty());
    }

    @Test
    void oneLineOfTwoReturnedIsRefundedExactlyThatLinesAmountOnce() {
        long dress = fixtures.dress(5);
        Map<String, Object> order = order(new long[][] {{dress, 1}, {fixtures.dress(5), 2}});
        String orderId = (String) order.get("orderId");
        fixtures.deliver(orderId, ops, shopper);
        Map<?, ?> returnedLine = lines(order).get(1);

        Reply requested = api.post("/api/returns", shopper, Map.of("orderId", orderId,
                "lineId", returnedLine.get("lineId"), "reason", "TOO_SMALL"));
        assertEquals(201, requested.status(), requested.body().toString());
        String returnId = (String) requested.body().get("returnId");
        Reply received = api.post("/api/ops/returns/" + returnId + "/receipt", ops, Map.of("condition", "RESELLABLE"));

        assertEquals(200, received.status(), received.body().toString());
        assertEquals("REFUNDED", received.body().get("status"));
        assertEquals("178.00", received.body().get("refundAmount"), "two units at 89.00: that line, not the order");
        Map<String, Object> after = api.get("/api/orders/" + orderId, shopper).body();
        assertEquals("PARTIALLY_REFUNDED", after.get("paymentStatus"));
        assertEquals("178.00", after.get("refundedAmount"));
        assertEquals(List.of(17_800L), refundsAtTheProvider(orderId).stream().map(ProviderRefund::amount).toList());
        assertEquals(409, api.post("/api/ops/returns/" + returnId + "/receipt", ops, Map.of("condition", "RESELLABLE"))
                .status(), "received once");
        assertEquals(1, refundsAtTheProvider(orderId).size(), "refunded once");
        Map<String, Object> view = opsView(orderId);
        assertEquals("178.00", view.get("refunded"));
        assertEquals("PARTIALLY_REFUNDED", view.get("paymentStatus"));
        assertEquals(List.of("condition"), api.post("/api/ops/returns/" + returnId + "/receipt", ops,
                Map.of("condition", "LIKE_NEW")).violatedFields());
    }

    @Test
    void opsRefundsNeverAddUpToMoreThanWasCapturedEvenWhenAskedConcurrently() throws Exception {
        Map<String, Object> order = order(new long[][] {{fixtures.dress(5), 1}});
        String orderId = (String) order.get("orderId");
        List<Future<Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                replies.add(pool.submit(() -> api.post("/api/ops/orders/" + orderId + "/refunds", ops,
                        Map.of("amount", "40.00", "reason", "GOODWILL"), Map.of("Idempotency-Key", newKey()))));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            statuses.add(reply.get().status());
        }

        assertEquals(2, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(2, statuses.stream().filter(status -> status == 422 || status == 409).count(), statuses.toString());
        assertEquals(8_000L, refundsAtTheProvider(orderId).stream().mapToLong(ProviderRefund::amount).sum());
        assertEquals("80.00", api.get("/api/orders/" + orderId, shopper).body().get("refundedAmount"));
        Reply tooMuch = api.post("/api/ops/orders/" + orderId + "/refunds", ops,
                Map.of("amount", "9.01", "reason", "GOODWILL"), Map.of("Idempotency-Key", newKey()));
        assertEquals(422, tooMuch.status(), tooMuch.body().toString());
        assertEquals(List.of("amount"), tooMuch.violatedFields());
    }

    @Test
    void theSameRefundKeyTwiceRefundsOnce() {
        Map<String, Object> order = order(new long[][] {{fixtures.dress(5), 1}});
        String orderId = (String) order.get("orderId");
        Map<String, String> key = Map.of("Idempotency-Key", newKey());

        Reply first = api.post("/api/ops/orders/" + orderId + "/refunds", ops, Map.of("amount", "10.00",
                "reason", "PRICE_ADJUSTMENT"), key);
        Reply again = api.post("/api/ops/orders/" + orderId + "/refunds", ops, Map.of("amount", "10.00",
                "reason", "PRICE_ADJUSTMENT"), key);

        assertEquals(200, first.status(), first.body().toString());
        assertEquals(200, again.status(), again.body().toString());
        assertEquals("10.00", again.body().get("refunded"));
        assertEquals(1, refundsAtTheProvider(orderId).size());
        assertEquals(List.of("Idempotency-Key"), api.post("/api/ops/orders/" + orderId + "/refunds", ops,
                Map.of("amount", "10.00", "reason", "OTHER")).violatedFields());
    }

    @Test
    void aSignedCarrierEventMovesTheShipmentOnceAndAnUnsignedOneChangesNothing() {
        Map<String, Object> order = order(new long[][] {{fixtures.dress(5), 1}});
        String orderId = (String) order.get("orderId");
        String shipmentId = (String) api.post("/api/ops/orders/" + orderId + "/shipments", ops, Map.of()).body()
                .get("shipmentId");
        String labelled = carrierEvent("evt_" + UUID.randomUUID(), orderId, shipmentId, "LABEL_CREATED");
        String shipped = carrierEvent("evt_" + UUID.randomUUID(), orderId, shipmentId, "SHIPPED");

        Reply unsigned = api.post("/api/webhooks/carrier", null, shipped, Map.of("Carrier-Signature", "t=1,v1=00"));
        assertEquals(400, unsigned.status());
        assertEquals("REQUESTED", shipmentStep(orderId, shipmentId));

        assertEquals("PROCESSED", carrier(labelled).body().get("outcome"));
        assertEquals("PROCESSED", carrier(shipped).body().get("outcome"));
        assertEquals("DUPLICATE", carrier(shipped).body().get("outcome"), "a redelivered event changes nothing");
        assertEquals("SHIPPED", shipmentStep(orderId, shipmentId));
        assertEquals("UPS", api.get("/api/ops/orders/" + orderId + "/shipments/" + shipmentId, ops).body().get("carrier"));
        assertEquals("SHIPPED UPS 1Z999AA10123456784", fixtures.read(jdbc -> jdbc.prepareStatement(
                "SELECT status || ' ' || carrier || ' ' || tracking_number FROM shipments WHERE id = CAST(? AS uuid)",
                statement -> {
                    statement.setString(1, shipmentId);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getString(1);
                    }
                })), "the shipments row says what the shipment's workflow says");
        fixtures.awaitOrder(orderId, shopper, "SHIPPED");
        assertEquals("REFUSED", carrier(carrierEvent("evt_" + UUID.randomUUID(), orderId, shipmentId, "LABEL_CREATED"))
                .body().get("outcome"), "a step backwards is acknowledged, not applied");
        assertEquals("SHIPPED", shipmentStep(orderId, shipmentId));
    }

    @Test
    void aRefundThatStripeFailsLaterIsTakenOffTheOrderAndTheOrderSaysSo() throws Exception {
        Map<String, Object> order = order(new long[][] {{fixtures.dress(5), 1}});
        String orderId = (String) order.get("orderId");
        assertEquals(200, api.post("/api/ops/orders/" + orderId + "/refunds", ops, Map.of("amount", "20.00",
                "reason", "GOODWILL"), Map.of("Idempotency-Key", newKey())).status());
        ProviderRefund made = refundsAtTheProvider(orderId).getFirst();
        String payload = """
                {"id":"evt_%s","object":"event","type":"refund.updated","data":{"object":{"id":"%s",\
                "object":"refund","amount":2000,"currency":"usd","payment_intent":"pi_x","status":"failed",\
                "failure_reason":"expired_or_canceled_card","metadata":{}}}}""".formatted(UUID.randomUUID(), made.id());

        Reply webhook = api.post("/api/webhooks/stripe", null, payload, Map.of("Stripe-Signature",
                com.stripe.net.Webhook.Signature.generateSignatureHeader(payload, "whsec_test_only_secret")));

        assertEquals(200, webhook.status(), webhook.body().toString());
        Reply after = fixtures.awaitOrder(orderId, shopper, "PLACED");
        for (int i = 0; i < 100 && !"REFUND_FAILED".equals(after.body().get("paymentStatus")); i++) {
            Thread.sleep(50);
            after = api.get("/api/orders/" + orderId, shopper);
        }
        assertEquals("REFUND_FAILED", after.body().get("paymentStatus"));
        assertEquals("0.00", after.body().get("refundedAmount"));
        assertEquals("0.00", opsView(orderId).get("refunded"));
    }

    private Reply carrier(String payload) {
        Reply reply = api.post("/api/webhooks/carrier", null, payload,
                Map.of("Carrier-Signature", carrierWebhooks.signatureHeader(payload)));
        assertEquals(200, reply.status(), reply.body().toString());
        return reply;
    }

    private static String carrierEvent(String eventId, String orderId, String shipmentId, String step) {
        return """
                {"id": "%s", "orderId": "%s", "shipmentId": "%s", "step": "%s", "carrier": "UPS",
                 "trackingNumber": "1Z999AA10123456784"}""".formatted(eventId, orderId, shipmentId, step);
    }

    private String shipmentStep(String orderId, String shipmentId) {
        return (String) api.get("/api/ops/orders/" + orderId + "/shipments/" + shipmentId, ops).body().get("step");
    }
}
