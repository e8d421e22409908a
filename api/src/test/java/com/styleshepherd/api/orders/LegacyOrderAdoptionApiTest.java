package com.styleshepherd.api.orders;

import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.activities.order.LegacyOrderAdoption;
import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.payments.PaymentSimulator;
import com.styleshepherd.payments.ProviderRefund;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.testing.TestInfrastructure;
import com.styleshepherd.workflows.order.OrderWorkflow;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Orders placed before orders had a workflow (no {@code payment_status}, no {@code order-<id>} workflow) are
 * adopted where their rows stand, and then shipped, cancelled and returned with money moving like any other:
 * through the HTTP API, with the workflows on in-process workers, the payment simulator and real PostgreSQL.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
class LegacyOrderAdoptionApiTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    PaymentSimulator simulator;

    @Inject
    WorkflowClient client;

    @Inject
    LegacyOrderAdoption adoption;

    private String shopper;
    private String ops;

    @BeforeAll
    void setUp() {
        shopper = tokens.shopper("legacy-" + UUID.randomUUID());
        ops = tokens.ops("adopter-" + UUID.randomUUID());
    }

    @Test
    void ordersPlacedBeforeOrdersHadAWorkflowAreAdoptedWhereTheirRowsStand() {
        long dress = fixtures.dress(5);
        String placed = legacyOrder(dress, "PLACED");
        String shipped = legacyOrder(dress, "SHIPPED");
        String delivered = legacyOrder(dress, "DELIVERED");
        assertEquals(2, fixtures.stock(dress, "M"));
        Reply notYet = api.post("/api/orders/" + placed + "/cancel", shopper, Map.of());
        assertEquals(409, notYet.status(), notYet.body().toString());
        assertTrue(String.valueOf(notYet.body().get("detail")).contains("before orders had a lifecycle"),
                notYet.body().toString());

        Map<?, ?> line = (Map<?, ?>) ((List<?>) api.get("/api/orders/" + delivered, shopper).body().get("lines")).get(0);
        Map<String, Object> returnOfIt = Map.of("orderId", delivered, "lineId", line.get("lineId"), "reason", "TOO_SMALL");
        Reply notReturnableYet = api.post("/api/returns", shopper, returnOfIt);
        assertEquals(409, notReturnableYet.status(), "recorded now, no money would move for it: "
                + notReturnableYet.body());

        assertTrue(adoption.adoptWaiting() >= 3, "at least this test's three orders");
        assertEquals(0, adoption.adoptWaiting(), "each order is adopted once");

        // Placed: the shopper cancels it; refunded in full once, its unit back in stock.
        Reply cancelled = api.post("/api/orders/" + placed + "/cancel", shopper, Map.of());
        assertEquals(200, cancelled.status(), cancelled.body().toString());
        assertEquals(List.of("CANCELLED", "REFUNDED"), List.of(cancelled.body().get("status"),
                cancelled.body().get("paymentStatus")));
        assertEquals(List.of(8_900L), refundsAtTheProvider(placed).stream().map(ProviderRefund::amount).toList());
        assertEquals(3, fixtures.stock(dress, "M"));

        // Shipped: its lines travel in one shipment already under way, whose delivery is reported like any other.
        List<?> shipments = (List<?>) opsView(shipped).get("shipments");
        assertEquals(1, shipments.size(), shipments.toString());
        Map<?, ?> shipment = (Map<?, ?>) shipments.get(0);
        assertEquals("SHIPPED", shipment.get("step"));
        fixtures.report(shipped, (String) shipment.get("shipmentId"), "DELIVERED", ops);
        fixtures.awaitOrder(shipped, shopper, "DELIVERED");

        // Delivered: its return window opened on adoption; a return received moves money.
        Reply asked = api.post("/api/returns", shopper, returnOfIt);
        assertEquals(201, asked.status(), asked.body().toString());
        Reply received = api.post("/api/ops/returns/" + asked.body().get("returnId") + "/receipt", ops,
                Map.of("condition", "RESELLABLE"));
        assertEquals(200, received.status(), received.body().toString());
        assertEquals("REFUNDED", received.body().get("status"));
        assertEquals(List.of(8_900L), refundsAtTheProvider(delivered).stream().map(ProviderRefund::amount).toList());
        assertEquals(4, fixtures.stock(dress, "M"));
    }

    /**
     * An order of one dress in M as it looked before orders had a workflow: placed through the API, then its
     * workflow ended and its row put back the way the checkout alone left it, at {@code status}, an hour ago.
     */
    private String legacyOrder(long dress, String status) {
        Reply started = api.post("/api/checkouts", shopper, CheckoutFixtures.body(dress, "M", 1, "pm_card_visa"),
                key(newKey()));
        assertEquals(202, started.status(), started.body().toString());
        String orderId = (String) fixtures.awaitStatus((String) started.body().get("checkoutId"), shopper, "COMPLETED")
                .body().get("orderId");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (query("SELECT payment_status FROM orders WHERE id = ?", orderId) == null) {
            assertTrue(System.nanoTime() < deadline, "the order's workflow never opened it");
            pause();
        }
        client.newUntypedWorkflowStub(OrderWorkflow.workflowId(UUID.fromString(orderId)))
                .terminate("standing in for an order placed before orders had a workflow");
        update("""
                UPDATE orders SET status = ?, payment_status = NULL, captured_amount = NULL,
                                  created_at = now() - interval '1 hour'
                WHERE id = CAST(? AS uuid)""", status, orderId);
        return orderId;
    }

    private Map<String, Object> opsView(String orderId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Reply reply = api.get("/api/ops/orders/" + orderId, ops);
        while (reply.status() != 200 && System.nanoTime() < deadline) {
            pause();
            reply = api.get("/api/ops/orders/" + orderId, ops);
        }
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body();
    }

    private List<ProviderRefund> refundsAtTheProvider(String orderId) {
        return simulator.refundsOf(query("""
                SELECT p.provider_payment_id FROM payments p JOIN orders o ON o.checkout_id = p.checkout_id
                WHERE o.id = CAST(? AS uuid) AND p.status IN ('SUCCEEDED', 'REFUNDED')""", orderId));
    }

    private static String query(String sql, String orderId) {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(orderId));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(String sql, String status, String orderId) {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, status);
            statement.setString(2, orderId);
            assertEquals(1, statement.executeUpdate());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connection() throws SQLException {
        Map<String, String> database = TestInfrastructure.properties();
        return DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
