package com.styleshepherd.activities.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.styleshepherd.payments.PaymentGateway;
import com.styleshepherd.payments.PaymentProviderException;
import com.styleshepherd.payments.ProviderRefund;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.catalog.ProductDraft;
import com.styleshepherd.store.orders.OrderLifecycle;
import com.styleshepherd.testing.TestInfrastructure;
import com.styleshepherd.workflows.checkout.PaymentAttempt;
import com.styleshepherd.workflows.checkout.PaymentCharge;
import com.styleshepherd.workflows.order.OrderRefund;
import com.styleshepherd.workflows.order.RefundOutcome;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A worker that dies mid-refund, after the provider refunded and before the refund was recorded: Temporal
 * runs the activity again (on another worker), and the provider, asked again under the same key, answers
 * the refund it made. Exactly one refund at the provider; the order's refunded amount counts it once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundCrashTest {

    private ApplicationContext context;
    private OrderLifecycle lifecycle;
    private final Provider provider = new Provider();

    @BeforeAll
    void start() {
        context = ApplicationContext.run(new java.util.HashMap<String, Object>(TestInfrastructure.properties()), "test");
        lifecycle = context.getBean(OrderLifecycle.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void aRefundWhoseAnswerWasLostIsMadeOnceWhenTheActivityRunsAgain() {
        UUID orderId = order();
        lifecycle.open(orderId);
        OrderRefund refund = new OrderRefund(orderId, "pi_crash", "refund-" + UUID.randomUUID(),
                new BigDecimal("25.00"), "USD", "RETURN", null);
        OrderActivitiesImpl worker = new OrderActivitiesImpl(lifecycle, provider);
        provider.dieAfterRefunding = true;

        assertThrows(PaymentProviderException.class, () -> worker.refund(refund), "the worker died mid-refund");
        provider.dieAfterRefunding = false;
        RefundOutcome retried = new OrderActivitiesImpl(lifecycle, provider).refund(refund);
        RefundOutcome replayed = new OrderActivitiesImpl(lifecycle, provider).refund(refund);

        assertEquals(1, provider.refunds.size(), "one refund at the provider");
        assertEquals(2, provider.calls, "the second run asked the provider again, under the same key");
        assertEquals(retried, replayed, "a third run finds the refund recorded and asks nobody");
        assertEquals("25.00", refunded(orderId));
    }

    /** A provider that refunds once per idempotency key, as Stripe does, and can lose its answer. */
    static final class Provider implements PaymentGateway {

        final Map<String, ProviderRefund> refunds = new ConcurrentHashMap<>();
        volatile boolean dieAfterRefunding;
        volatile int calls;

        @Override
        public ProviderRefund refundAmount(String paymentIntentId, BigDecimal amount, String currency,
                String idempotencyKey) {
            calls++;
            ProviderRefund made = refunds.computeIfAbsent(idempotencyKey, key ->
                    new ProviderRefund("re_" + refunds.size(), amount.movePointRight(2).longValueExact(), "succeeded"));
            if (dieAfterRefunding) {
                throw new PaymentProviderException("connection reset: the worker never heard the answer", true, null);
            }
            return made;
        }

        @Override
        public String provider() {
            return "crash-test";
        }

        @Override
        public PaymentAttempt createAndConfirm(PaymentCharge charge, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PaymentAttempt confirm(String paymentIntentId, String paymentMethod, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PaymentAttempt retrieve(String paymentIntentId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PaymentAttempt cancel(String paymentIntentId, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PaymentAttempt refund(String paymentIntentId, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }
    }

    /** An order of one dress at 89.00, written as the checkout writes it. */
    private UUID order() {
        String sku = "CRASH-" + UUID.randomUUID().toString().substring(0, 8);
        var product = context.getBean(ProductCatalog.class).save(new ProductDraft(sku, "Crash test dress", "A dress",
                "dresses", null, null, new BigDecimal("89.00"), "USD", Map.of(), null,
                List.of(new ProductDraft.SizeStock("M", 5)))).product();
        String userId = "crash-" + UUID.randomUUID();
        UUID checkoutId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        update("INSERT INTO users (id) VALUES (?)", userId);
        update("""
                INSERT INTO checkouts (id, user_id, idempotency_key, request_hash, workflow_id, status)
                VALUES (?, ?, ?, repeat('0', 64), ?, 'COMPLETED')""", checkoutId, userId, checkoutId.toString(),
                "checkout-" + checkoutId);
        update("""
                INSERT INTO orders (id, checkout_id, user_id, status, subtotal, total, currency)
                VALUES (?, ?, ?, 'DELIVERED', 89.00, 89.00, 'USD')""", orderId, checkoutId, userId);
        update("""
                INSERT INTO order_lines (id, order_id, line_no, product_id, product_size_id, sku, product_name,
                                         category, size, quantity, unit_price, line_total, currency)
                VALUES (?, ?, 1, ?, ?, ?, 'Crash test dress', 'dresses', 'M', 1, 89.00, 89.00, 'USD')""",
                UUID.randomUUID(), orderId, product.product().id(), product.sizes().get(0).id(), sku);
        return orderId;
    }

    private static String refunded(UUID orderId) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT refunded_amount FROM orders WHERE id = ?")) {
            statement.setObject(1, orderId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        Map<String, String> database = TestInfrastructure.properties();
        return DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
    }
}
