package com.styleshepherd.store.returns;

import com.styleshepherd.store.catalog.CatalogProduct;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.catalog.ProductDraft;
import com.styleshepherd.testing.TestInfrastructure;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Orders written straight into the tables the checkout fills, for tests of what reads them (returns,
 * analytics, training data): one product, shoppers with profiles, orders of one line each.
 */
public final class ShopOrders {

    private final ProductCatalog catalog;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private CatalogProduct product;

    public ShopOrders(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    public String tag() {
        return tag;
    }

    /** The product every order buys (size M), saved on first use. */
    public long productId() {
        return product().product().id();
    }

    private CatalogProduct product() {
        if (product == null) {
            product = catalog.save(new ProductDraft("ORDERS-" + tag, "Orders test dress", "A dress for order tests",
                    "dresses", null, null, new BigDecimal("40.00"), "USD", Map.of(), null,
                    List.of(new ProductDraft.SizeStock("M", 100)))).product();
        }
        return product;
    }

    /** The model every prediction names. */
    public String modelId() {
        return "return-risk-" + tag;
    }

    /** A shopper with a profile; {@code weightKg} and {@code heightCm} may be null. */
    public String shopper(String name, BigDecimal weightKg, BigDecimal heightCm) {
        String userId = name + "-" + tag;
        update("INSERT INTO users (id) VALUES (?)", userId);
        update("INSERT INTO profiles (user_id, weight_kg, height_cm) VALUES (?, ?, ?)", userId, weightKg, heightCm);
        return userId;
    }

    /**
     * An order of {@code quantity} units of the product in {@code status}, placed now; its line scored with
     * {@code probability} by {@link #modelId()}, with {@code features} (JSON), unless {@code probability} is null.
     */
    public Order order(String userId, String status, int quantity, BigDecimal probability, String features) {
        UUID checkoutId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        UUID lineId = UUID.randomUUID();
        BigDecimal total = new BigDecimal("40.00").multiply(BigDecimal.valueOf(quantity));
        update("""
                INSERT INTO checkouts (id, user_id, idempotency_key, request_hash, workflow_id, status)
                VALUES (?, ?, ?, repeat('0', 64), ?, 'COMPLETED')
                """, checkoutId, userId, checkoutId.toString(), "checkout-" + checkoutId);
        update("""
                INSERT INTO orders (id, checkout_id, user_id, status, subtotal, total, currency)
                VALUES (?, ?, ?, ?, ?, ?, 'USD')
                """, orderId, checkoutId, userId, status, total, total);
        update("""
                INSERT INTO order_lines (id, order_id, line_no, product_id, product_size_id, sku, product_name,
                                         category, size, quantity, unit_price, line_total, currency)
                VALUES (?, ?, 1, ?, ?, ?, 'Orders test dress', 'dresses', 'M', ?, 40.00, ?, 'USD')
                """, lineId, orderId, productId(), product().sizes().get(0).id(), "ORDERS-" + tag, quantity, total);
        if (probability != null) {
            update("""
                    INSERT INTO return_predictions (id, checkout_id, line_no, product_id, size, probability, risk_level,
                                                    model_id, model_version, features)
                    VALUES (?, ?, 1, ?, 'M', ?, ?, ?, '1', CAST(? AS jsonb))
                    """, UUID.randomUUID(), checkoutId, productId(), probability,
                    probability.doubleValue() < 0.3 ? "LOW" : probability.doubleValue() < 0.6 ? "MEDIUM" : "HIGH",
                    modelId(), features);
        }
        return new Order(orderId, lineId);
    }

    /**
     * A return of {@code quantity} units of the order's line, asked for now, as the order's workflow records it
     * ({@code OrderLifecycle.recordReturn}); its id.
     */
    public UUID requestReturn(String userId, Order order, int quantity, String reason, String comment) {
        UUID returnId = UUID.randomUUID();
        update("""
                INSERT INTO returns (id, order_id, order_line_id, user_id, quantity, reason, comment)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, returnId, order.id(), order.lineId(), userId, quantity, reason, comment);
        return returnId;
    }

    /**
     * The warehouse received the return in {@code condition}, refunding {@code refundAmount} (null: nothing), as the
     * order's workflow records it: RESELLABLE and DAMAGED are refunded, UNRETURNABLE is rejected.
     */
    public void received(UUID returnId, String condition, BigDecimal refundAmount) {
        update("""
                UPDATE returns SET status = ?, condition = ?, refund_amount = ?, received_at = now() WHERE id = ?
                """, "UNRETURNABLE".equals(condition) ? "REJECTED" : "REFUNDED", condition, refundAmount, returnId);
    }

    /** An order and its one line. */
    public record Order(UUID id, UUID lineId) {
    }

    private static void update(String sql, Object... parameters) {
        Map<String, String> database = TestInfrastructure.properties();
        try (Connection connection = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
