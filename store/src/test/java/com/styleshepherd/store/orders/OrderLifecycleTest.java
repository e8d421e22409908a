package com.styleshepherd.store.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.returns.ShopOrders;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.testing.TestInfrastructure;
import com.styleshepherd.workflows.order.OrderPaymentStatus;
import com.styleshepherd.workflows.order.OrderRefund;
import com.styleshepherd.workflows.order.OrderRequests;
import com.styleshepherd.workflows.order.OrderSnapshot;
import com.styleshepherd.workflows.order.OrderState;
import com.styleshepherd.workflows.order.OrderStatus;
import com.styleshepherd.workflows.order.RestockLine;
import com.styleshepherd.workflows.order.ReturnCondition;
import com.styleshepherd.workflows.order.ReturnStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

/** What the order workflow writes, against a real PostgreSQL: refunds never past the capture, restocks once. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderLifecycleTest implements RealInfrastructure {

    @Inject
    OrderLifecycle lifecycle;

    @Inject
    ProductCatalog catalog;

    private ShopOrders orders;
    private String shopper;

    @BeforeAll
    void setUp() {
        orders = new ShopOrders(catalog);
        shopper = orders.shopper("lifecycle", null, null);
    }

    private OrderRefund refund(ShopOrders.Order order, String key, String amount) {
        return new OrderRefund(order.id(), "pi_1", key, new BigDecimal(amount), "USD", "OPS", null);
    }

    @Test
    void anOrderOpensWithItsLinesAndWhatItCaptured() {
        ShopOrders.Order order = orders.order(shopper, "PLACED", 2, null, null);

        OrderSnapshot snapshot = lifecycle.open(order.id());

        assertEquals(new BigDecimal("80.00"), snapshot.captured(), "no payment row: the order's total");
        assertEquals(List.of(order.lineId()), snapshot.lines().stream().map(line -> line.lineId()).toList());
        assertEquals("SUCCEEDED", column(order.id(), "payment_status"));
        lifecycle.recordStatus(order.id(), OrderStatus.PARTIALLY_SHIPPED, OrderPaymentStatus.SUCCEEDED);
        assertEquals("PARTIALLY_SHIPPED", column(order.id(), "status"));
    }

    @Test
    void aRefundIsAddedOnceHoweverOftenItIsRecordedAndTheSameKeyAnswersTheSameRefund() {
        ShopOrders.Order order = orders.order(shopper, "DELIVERED", 2, null, null);
        lifecycle.open(order.id());
        OrderRefund refund = refund(order, "refund-" + UUID.randomUUID(), "40.00");

        assertEquals("PENDING", lifecycle.beginRefund(refund).status());
        lifecycle.refundSucceeded(refund, "re_1");
        lifecycle.refundSucceeded(refund, "re_1");

        assertEquals("SUCCEEDED", lifecycle.beginRefund(refund).status(), "a retry finds the refund made");
        assertEquals("40.00", column(order.id(), "refunded_amount"));
    }

    @Test
    void refundsAskedConcurrentlyNeverAddUpToMoreThanWasCaptured() throws Exception {
        ShopOrders.Order order = orders.order(shopper, "DELIVERED", 2, null, null);
        lifecycle.open(order.id());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            OrderRefund refund = refund(order, "refund-" + UUID.randomUUID(), "30.00");
            tries.add(pool.submit(() -> {
                try {
                    lifecycle.beginRefund(refund);
                    lifecycle.refundSucceeded(refund, "re_" + refund.idempotencyKey());
                    return true;
                } catch (RefundRefused tooMuch) {
                    return false;
                }
            }));
        }
        int made = 0;
        for (Future<Boolean> attempt : tries) {
            made += attempt.get() ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(2, made, "two refunds of 30 fit in 80, a third does not");
        assertEquals("60.00", column(order.id(), "refunded_amount"));
        assertThrows(RefundRefused.class, () -> lifecycle.beginRefund(refund(order, "more", "20.01")));
    }

    @Test
    void aRestockKeyPutsUnitsBackOnce() {
        ShopOrders.Order order = orders.order(shopper, "PLACED", 2, null, null);
        int before = stock();

        lifecycle.restock(order.id(), "cancel-" + order.id(), List.of(new RestockLine(order.lineId(), 2)));
        lifecycle.restock(order.id(), "cancel-" + order.id(), List.of(new RestockLine(order.lineId(), 2)));

        assertEquals(before + 2, stock());
    }

    @Test
    void aReturnReceivedHasAReceiptDateAndAnExpiredOneHasNone() {
        ShopOrders.Order kept = orders.order(shopper, "DELIVERED", 1, null, null);
        ShopOrders.Order sent = orders.order(shopper, "DELIVERED", 1, null, null);
        UUID neverSent = UUID.randomUUID();
        UUID received = UUID.randomUUID();
        lifecycle.recordReturn(kept.id(), shopper, new OrderRequests.ReturnRequest(neverSent, kept.lineId(), 1,
                "STYLE", null));
        lifecycle.recordReturn(sent.id(), shopper, new OrderRequests.ReturnRequest(received, sent.lineId(), 1,
                "STYLE", null));

        lifecycle.recordReturnOutcome(new OrderState.Return(neverSent, kept.lineId(), 1, ReturnStatus.EXPIRED, null,
                BigDecimal.ZERO));
        lifecycle.recordReturnOutcome(new OrderState.Return(received, sent.lineId(), 1, ReturnStatus.REFUNDED,
                ReturnCondition.DAMAGED, new BigDecimal("40.00")));

        assertEquals("EXPIRED", query("SELECT status FROM returns WHERE id = ?", neverSent));
        assertEquals("false", query("SELECT CAST(received_at IS NOT NULL AS text) FROM returns WHERE id = ?", neverSent));
        assertEquals("true", query("SELECT CAST(received_at IS NOT NULL AS text) FROM returns WHERE id = ?", received));
    }

    private int stock() {
        return Integer.parseInt(query("SELECT stock FROM product_sizes WHERE product_id = ?", orders.productId()));
    }

    private static String column(UUID orderId, String column) {
        return query("SELECT " + column + " FROM orders WHERE id = ?", orderId);
    }

    private static String query(String sql, Object parameter) {
        Map<String, String> database = TestInfrastructure.properties();
        try (Connection connection = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
