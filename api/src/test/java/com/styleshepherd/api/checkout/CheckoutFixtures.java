package com.styleshepherd.api.checkout;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.catalog.ProductDraft;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Products to buy and checkout requests for the checkout api tests; a bean of the test's context. */
@Singleton
public final class CheckoutFixtures {

    private final Api api;
    private final ProductCatalog catalog;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    CheckoutFixtures(Api api, ProductCatalog catalog, JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.api = api;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A query outside the application's own transactions. */
    public <T> T read(java.util.function.Function<JdbcOperations, T> query) {
        return transactions.executeRead(status -> query.apply(jdbc));
    }

    /** A new dress (sizes S, M, L) with {@code stock} units of M, priced 89.00 USD; its id. */
    public long dress(int stock) {
        String sku = "CO-" + UUID.randomUUID().toString().substring(0, 12);
        return catalog.save(new ProductDraft(sku, "Checkout Test Dress", "A dress to buy in tests", "dresses",
                "Test", "blue", new BigDecimal("89.00"), "USD", Map.of("fit", "regular"), null,
                List.of(new ProductDraft.SizeStock("S", 5), new ProductDraft.SizeStock("M", stock),
                        new ProductDraft.SizeStock("L", 5)))).product().product().id();
    }

    public int stock(long productId, String size) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT stock FROM product_sizes WHERE product_id = ? AND size = ?", statement -> {
            statement.setLong(1, productId);
            statement.setString(2, size);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }));
    }

    public static Map<String, Object> body(long productId, String size, int quantity, String paymentMethod) {
        return Map.of(
                "items", List.of(Map.of("productId", productId, "size", size, "quantity", quantity)),
                "paymentMethod", paymentMethod,
                "shippingAddress", Map.of("name", "Ada Lovelace", "line1", "1 Loom Street", "city", "London",
                        "postalCode", "N1 9GU", "country", "GB"));
    }

    /**
     * A checkout body as JSON text, for what a map cannot say: the item's size and quantity are raw JSON
     * ({@code "\"M\""}, {@code "1.5"}) and {@code extra} is appended as further members.
     */
    public static String bodyText(long productId, String size, String quantity, String extra) {
        return "{\"items\":[{\"productId\":" + productId + ",\"size\":" + size + ",\"quantity\":" + quantity + "}],"
                + "\"paymentMethod\":\"pm_card_visa\",\"shippingAddress\":{\"name\":\"Ada Lovelace\","
                + "\"line1\":\"1 Loom Street\",\"city\":\"London\",\"postalCode\":\"N1 9GU\",\"country\":\"GB\"}"
                + extra + "}";
    }

    /** How many checkouts the shopper has, whatever their state. */
    public int checkoutsOf(String userId) {
        return read(jdbc -> jdbc.prepareStatement("SELECT count(*) FROM checkouts WHERE user_id = ?", statement -> {
            statement.setString(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }));
    }

    public static Map<String, String> key(String idempotencyKey) {
        return Map.of("Idempotency-Key", idempotencyKey);
    }

    public static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** Polls the checkout until the condition holds (the workflow runs on in-process workers). */
    public Reply awaitCheckout(String checkoutId, String token, Predicate<Reply> condition) {
        return awaitCheckout(checkoutId, token, Duration.ofSeconds(15), condition);
    }

    /** Polls the checkout until the condition holds, for at most {@code patience}. */
    public Reply awaitCheckout(String checkoutId, String token, Duration patience, Predicate<Reply> condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        Reply reply;
        do {
            reply = api.get("/api/checkouts/" + checkoutId, token);
            if (condition.test(reply)) {
                return reply;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("checkout " + checkoutId + " never got there in " + patience + ": " + reply.body());
    }

    public Reply awaitStatus(String checkoutId, String token, String status) {
        return awaitCheckout(checkoutId, token, reply -> status.equals(reply.body().get("status")));
    }

    /**
     * Ships every line of the order in one shipment and reports it delivered, as the warehouse would through
     * the ops api; answers once the order (as the shopper reads it) says DELIVERED.
     */
    public Reply deliver(String orderId, String opsToken, String shopperToken) {
        Reply shipment = api.post("/api/ops/orders/" + orderId + "/shipments", opsToken, Map.of());
        if (shipment.status() != 201) {
            throw new AssertionError("shipment of " + orderId + " refused: " + shipment);
        }
        String shipmentId = (String) shipment.body().get("shipmentId");
        for (String step : List.of("LABEL_CREATED", "SHIPPED", "DELIVERED")) {
            report(orderId, shipmentId, step, opsToken);
        }
        return awaitOrder(orderId, shopperToken, "DELIVERED");
    }

    /** Reports a shipment's step through the ops api. */
    public Reply report(String orderId, String shipmentId, String step, String opsToken) {
        Reply moved = api.post("/api/ops/orders/" + orderId + "/shipments/" + shipmentId + "/events", opsToken,
                Map.of("step", step, "carrier", "UPS", "trackingNumber", "1Z999AA10123456784"));
        if (moved.status() != 200) {
            throw new AssertionError(step + " of shipment " + shipmentId + " refused: " + moved);
        }
        return moved;
    }

    /** Polls the order as its shopper reads it until it has the status (the order workflow runs in-process). */
    public Reply awaitOrder(String orderId, String token, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Reply reply;
        do {
            reply = api.get("/api/orders/" + orderId, token);
            if (status.equals(reply.body().get("status"))) {
                return reply;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("order " + orderId + " never became " + status + ": " + reply.body());
    }
}
