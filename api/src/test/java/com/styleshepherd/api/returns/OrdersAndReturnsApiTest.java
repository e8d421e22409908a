package com.styleshepherd.api.returns;

import static com.styleshepherd.api.checkout.CheckoutFixtures.body;
import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
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
 * Order history, fulfilment and returns over HTTP: orders come from real checkouts (dev workers and the
 * payment simulator in-process), against real PostgreSQL and Redis.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
class OrdersAndReturnsApiTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    private String shopper;
    private String ops;

    @BeforeAll
    void setUp() {
        shopper = tokens.shopper("returner-" + UUID.randomUUID());
        ops = tokens.ops("warehouse-" + UUID.randomUUID());
    }

    /** A completed checkout of {@code quantity} dresses: the order as GET /api/orders/{id} answers it. */
    private Map<String, Object> order(int quantity) {
        String checkoutId = (String) api.post("/api/checkouts", shopper,
                body(fixtures.dress(10), "M", quantity, "pm_card_visa"), key(newKey())).body().get("checkoutId");
        String orderId = (String) fixtures.awaitStatus(checkoutId, shopper, "COMPLETED").body().get("orderId");
        return api.get("/api/orders/" + orderId, shopper).body();
    }

    private static String lineId(Map<String, Object> order) {
        return (String) ((Map<?, ?>) ((List<?>) order.get("lines")).get(0)).get("lineId");
    }

    private Map<String, Object> deliveredOrder(int quantity) {
        Map<String, Object> order = order(quantity);
        fixtures.deliver((String) order.get("orderId"), ops, shopper);
        return order;
    }

    @Test
    void anOrderShowsItsLinesAndPaymentAndTheListFiltersByStatus() {
        Map<String, Object> order = order(1);
        String orderId = (String) order.get("orderId");

        assertEquals("PLACED", order.get("status"));
        assertEquals("SUCCEEDED", order.get("paymentStatus"));
        assertEquals(1, ((List<?>) order.get("lines")).size());
        assertTrue(ids(api.get("/api/orders?status=PLACED&pageSize=100", shopper)).contains(orderId));
        assertTrue(!ids(api.get("/api/orders?status=DELIVERED&pageSize=100", shopper)).contains(orderId));

        Reply bad = api.get("/api/orders?status=LOST", shopper);
        assertEquals(400, bad.status());
        assertEquals(List.of("status"), bad.violatedFields());
    }

    private static List<Object> ids(Reply page) {
        return page.items().stream().map(o -> o.get("orderId")).toList();
    }

    @Test
    void shipmentsAreForOpsAndStepForwardOnly() {
        String orderId = (String) order(1).get("orderId");

        assertEquals(403, api.post("/api/ops/orders/" + orderId + "/shipments", shopper, Map.of()).status());
        assertEquals(404, api.post("/api/ops/orders/" + UUID.randomUUID() + "/shipments", ops, Map.of()).status());
        Reply shipment = api.post("/api/ops/orders/" + orderId + "/shipments", ops, Map.of());
        assertEquals(201, shipment.status(), shipment.body().toString());
        String shipmentId = (String) shipment.body().get("shipmentId");
        String events = "/api/ops/orders/" + orderId + "/shipments/" + shipmentId + "/events";

        assertEquals(409, api.post(events, ops, Map.of("step", "SHIPPED")).status(), "the label comes first");
        assertEquals(List.of("step"), api.post(events, ops, Map.of("step", "LOST")).violatedFields());
        assertEquals(200, api.post(events, ops, Map.of("step", "LABEL_CREATED")).status());
        assertEquals(200, api.post(events, ops, Map.of("step", "LABEL_CREATED")).status(), "a repeat is a no-op");
        assertEquals("SHIPPED", api.post(events, ops, Map.of("step", "SHIPPED")).body().get("step"));
        fixtures.awaitOrder(orderId, shopper, "SHIPPED");
        assertEquals(409, api.post("/api/ops/orders/" + orderId + "/shipments", ops, Map.of()).status(),
                "every line ships already");
    }

    @Test
    void aDeliveredLineIsReturnedOnceAndListed() {
        Map<String, Object> order = deliveredOrder(2);
        String orderId = (String) order.get("orderId");

        Reply created = api.post("/api/returns", shopper, Map.of("orderId", orderId, "lineId", lineId(order),
                "reason", "TOO_SMALL", "comment", "Tight on the shoulders", "quantity", 1));

        assertEquals(201, created.status(), created.body().toString());
        String returnId = (String) created.body().get("returnId");
        assertEquals("/api/returns/" + returnId, created.header("Location").orElseThrow());
        assertEquals("REQUESTED", created.body().get("status"));
        assertEquals(1, ((Number) created.body().get("quantity")).intValue());
        assertEquals(200, api.get("/api/returns/" + returnId, shopper).status());
        assertTrue(api.get("/api/returns?pageSize=100", shopper).items().stream()
                .anyMatch(r -> returnId.equals(r.get("returnId"))));

        Reply again = api.post("/api/returns", shopper, Map.of("orderId", orderId, "lineId", lineId(order),
                "reason", "STYLE"));
        assertEquals(409, again.status(), "once per line");
        assertEquals(404, api.get("/api/returns/" + returnId, tokens.shopper("nosy-" + UUID.randomUUID())).status());
    }

    @Test
    void aLineIsReturnedAfterDeliveryOnlyWithinItsQuantityAndOnlyByItsShopper() {
        Map<String, Object> order = order(2);
        String orderId = (String) order.get("orderId");
        Map<String, Object> request = Map.of("orderId", orderId, "lineId", lineId(order), "reason", "TOO_LARGE");

        assertEquals(409, api.post("/api/returns", shopper, request).status(), "not delivered yet");
        fixtures.deliver(orderId, ops, shopper);

        assertEquals(404, api.post("/api/returns", tokens.shopper("stranger-" + UUID.randomUUID()), request).status());
        Reply tooMany = api.post("/api/returns", shopper, Map.of("orderId", orderId, "lineId", lineId(order),
                "reason", "TOO_LARGE", "quantity", 3));
        assertEquals(422, tooMany.status());
        assertEquals(List.of("quantity"), tooMany.violatedFields());
        Reply wrongLine = api.post("/api/returns", shopper, Map.of("orderId", orderId,
                "lineId", UUID.randomUUID().toString(), "reason", "TOO_LARGE"));
        assertEquals(422, wrongLine.status());
        assertEquals(List.of("lineId"), wrongLine.violatedFields());
        Reply badReason = api.post("/api/returns", shopper, Map.of("orderId", orderId, "lineId", lineId(order),
                "reason", "BORED"));
        assertEquals(400, badReason.status());
        assertEquals(List.of("reason"), badReason.violatedFields());

        Reply whole = api.post("/api/returns", shopper, request);
        assertEquals(201, whole.status(), whole.body().toString());
        assertEquals(2, ((Number) whole.body().get("quantity")).intValue(), "the whole line by default");
    }

    @Test
    void analyticsShowTheReturnRateBesideWhatTheModelPredicted() {
        Map<String, Object> order = deliveredOrder(2);
        Map<?, ?> line = (Map<?, ?>) ((List<?>) order.get("lines")).get(0);
        String productId = String.valueOf(((Number) line.get("productId")).longValue());
        Reply asked = api.post("/api/returns", shopper, Map.of("orderId", order.get("orderId"),
                "lineId", line.get("lineId"), "reason", "TOO_SMALL", "quantity", 1));
        assertEquals(201, asked.status(), asked.body().toString());
        // Asked for, not received: awaited, not yet returned.
        Map<?, ?> awaited = productGroup(productId);
        assertEquals(List.of(0, 1), List.of(((Number) awaited.get("unitsReturned")).intValue(),
                ((Number) awaited.get("unitsAwaitingReceipt")).intValue()), awaited.toString());
        Reply received = api.post("/api/ops/returns/" + asked.body().get("returnId") + "/receipt", ops,
                Map.of("condition", "DAMAGED"));
        assertEquals(200, received.status(), received.body().toString());

        Reply byProduct = api.get("/api/ops/returns/analytics?groupBy=product", ops);

        assertEquals(200, byProduct.status(), byProduct.body().toString());
        Map<?, ?> group = productGroup(productId);
        assertEquals(2, ((Number) group.get("unitsSold")).intValue());
        assertEquals(1, ((Number) group.get("unitsReturned")).intValue());
        assertEquals(0, ((Number) group.get("unitsAwaitingReceipt")).intValue());
        assertEquals(0.5, ((Number) group.get("returnRate")).doubleValue());
        // The money that moved for it, under the condition the warehouse found.
        assertTrue(((List<?>) byProduct.body().get("conditions")).stream().map(c -> (Map<?, ?>) c)
                .anyMatch(c -> "DAMAGED".equals(c.get("condition"))
                        && new BigDecimal(String.valueOf(c.get("refunded")))
                                .compareTo(new BigDecimal(String.valueOf(received.body().get("refundAmount"))))
                                >= 0), byProduct.body().toString());
        assertEquals(1, ((Number) group.get("linesScored")).intValue(), "the checkout scored the line");
        double predicted = ((Number) group.get("meanPredictedProbability")).doubleValue();
        assertTrue(predicted > 0 && predicted < 1, group.toString());
        assertTrue(((List<?>) byProduct.body().get("calibration")).stream()
                .anyMatch(level -> ((Number) ((Map<?, ?>) level).get("linesReturned")).intValue() >= 1));
        // Per model version: probability bins, predicted beside observed, and the Brier score.
        Map<?, ?> model = ((List<?>) byProduct.body().get("modelCalibration")).stream().map(m -> (Map<?, ?>) m)
                .filter(m -> ((Number) m.get("linesReturned")).intValue() >= 1).findFirst().orElseThrow();
        List<?> bins = (List<?>) model.get("bins");
        assertEquals(((Number) model.get("lines")).longValue(),
                bins.stream().mapToLong(b -> ((Number) ((Map<?, ?>) b).get("lines")).longValue()).sum(), model.toString());
        double brier = ((Number) model.get("brierScore")).doubleValue();
        assertTrue(brier > 0 && brier < 1, model.toString());
        assertNotNull(model.get("modelId"));

        Reply byReason = api.get("/api/ops/returns/analytics?groupBy=reason", ops);
        assertTrue(((List<?>) byReason.body().get("groups")).stream()
                .anyMatch(g -> "TOO_SMALL".equals(((Map<?, ?>) g).get("key"))), byReason.body().toString());
    }

    private Map<?, ?> productGroup(String productId) {
        Reply byProduct = api.get("/api/ops/returns/analytics?groupBy=product", ops);
        return ((List<?>) byProduct.body().get("groups")).stream().map(g -> (Map<?, ?>) g)
                .filter(g -> productId.equals(g.get("key"))).findFirst().orElseThrow();
    }

    @Test
    void analyticsRefuseBadPeriodsAndGroupingsAndAreForOpsOnly() {
        assertEquals(List.of("groupBy"), api.get("/api/ops/returns/analytics?groupBy=colour", ops).violatedFields());
        assertEquals(List.of("from"), api.get("/api/ops/returns/analytics?from=yesterday", ops).violatedFields());
        assertEquals(List.of("from"),
                api.get("/api/ops/returns/analytics?from=2026-02-01&to=2026-01-01", ops).violatedFields());
        assertEquals(List.of("from"),
                api.get("/api/ops/returns/analytics?from=2024-01-01&to=2026-01-01", ops).violatedFields());
        assertEquals(403, api.get("/api/ops/returns/analytics", shopper).status());
    }

    @Test
    void twoSimultaneousReturnsOfOneLineRecordOne() throws Exception {
        Map<String, Object> order = deliveredOrder(1);
        Map<String, Object> request = Map.of("orderId", order.get("orderId"), "lineId", lineId(order),
                "reason", "QUALITY");
        List<Future<Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                replies.add(pool.submit(() -> api.post("/api/returns", shopper, request)));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            statuses.add(reply.get().status());
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    }
}
