package com.styleshepherd.store.checkout;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.workflows.checkout.PricedCart;
import com.styleshepherd.workflows.checkout.PricedLine;
import com.styleshepherd.workflows.checkout.ShippingAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Orders: created once per checkout by the checkout workflow, read by their shopper. */
@Singleton
public class OrderBook {

    private final JdbcOperations jdbc;
    private final StockReservations stock;
    private final JsonColumns json;

    OrderBook(JdbcOperations jdbc, StockReservations stock, JsonColumns json) {
        this.jdbc = jdbc;
        this.stock = stock;
        this.json = json;
    }

    /**
     * Creates the checkout's order and its lines, turns its stock holds into sales and marks it
     * COMPLETED, all in one transaction. Once per checkout: a second call returns the first order.
     * Throws {@link OutOfStockException} (changing nothing) only when a hold had expired and its units
     * were sold to someone else meanwhile.
     */
    @Transactional
    public UUID place(UUID checkoutId, String userId, PricedCart cart, ShippingAddress address) {
        stock.lockCheckout(checkoutId);
        Optional<UUID> existing = jdbc.prepareStatement("SELECT id FROM orders WHERE checkout_id = ?", statement -> {
            statement.setObject(1, checkoutId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.<UUID>empty();
            }
        });
        if (existing.isPresent()) {
            return existing.get();
        }
        stock.sell(checkoutId, cart.lines());
        UUID orderId = UUID.randomUUID();
        jdbc.prepareStatement("""
                INSERT INTO orders (id, checkout_id, user_id, status, subtotal, total, currency, shipping_address)
                VALUES (?, ?, ?, 'PLACED', ?, ?, ?, CAST(? AS jsonb))
                """, statement -> {
            statement.setObject(1, orderId);
            statement.setObject(2, checkoutId);
            statement.setString(3, userId);
            statement.setBigDecimal(4, cart.subtotal());
            statement.setBigDecimal(5, cart.total());
            statement.setString(6, cart.currency());
            statement.setString(7, json.write(address));
            return statement.executeUpdate();
        });
        jdbc.prepareStatement("""
                INSERT INTO order_lines (id, order_id, line_no, product_id, product_size_id, sku, product_name,
                                         category, size, quantity, unit_price, line_total, currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, statement -> {
            for (PricedLine line : cart.lines()) {
                statement.setObject(1, UUID.randomUUID());
                statement.setObject(2, orderId);
                statement.setShort(3, (short) line.lineNo());
                statement.setLong(4, line.productId());
                statement.setLong(5, line.productSizeId());
                statement.setString(6, line.sku());
                statement.setString(7, line.name());
                statement.setString(8, line.category());
                statement.setString(9, line.size());
                statement.setInt(10, line.quantity());
                statement.setBigDecimal(11, line.unitPrice());
                statement.setBigDecimal(12, line.lineTotal());
                statement.setString(13, cart.currency());
                statement.addBatch();
            }
            return statement.executeBatch().length;
        });
        jdbc.prepareStatement(
                "UPDATE checkouts SET status = 'COMPLETED', failure_reason = NULL, updated_at = now() WHERE id = ?",
                statement -> {
                    statement.setObject(1, checkoutId);
                    return statement.executeUpdate();
                });
        return orderId;
    }

    /** The shopper's orders, newest first; only those in {@code status} when it is given. */
    @ReadOnly
    public Page<OrderRecord> listForUser(String userId, @Nullable String status, Pageable pageable) {
        long total = jdbc.prepareStatement("SELECT count(*) FROM orders WHERE user_id = ? AND (CAST(? AS varchar) IS NULL OR status = ?)",
                statement -> {
                    statement.setString(1, userId);
                    statement.setString(2, status);
                    statement.setString(3, status);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getLong(1);
                    }
                });
        List<OrderRecord> orders = jdbc.prepareStatement(ORDER_COLUMNS
                + " WHERE o.user_id = ? AND (CAST(? AS varchar) IS NULL OR o.status = ?)"
                + " ORDER BY o.created_at DESC, o.id LIMIT ? OFFSET ?", statement -> {
            statement.setString(1, userId);
            statement.setString(2, status);
            statement.setString(3, status);
            statement.setInt(4, pageable.getSize());
            statement.setLong(5, pageable.getOffset());
            return readOrders(statement.executeQuery());
        });
        return Page.of(withLines(orders), pageable, total);
    }

    /** The order if it belongs to the shopper; empty for anyone else's. */
    @ReadOnly
    public Optional<OrderRecord> findForUser(UUID orderId, String userId) {
        List<OrderRecord> orders = jdbc.prepareStatement(ORDER_COLUMNS + " WHERE o.id = ? AND o.user_id = ?",
                statement -> {
                    statement.setObject(1, orderId);
                    statement.setString(2, userId);
                    return readOrders(statement.executeQuery());
                });
        return withLines(orders).stream().findFirst();
    }

    /** Fulfilment moves forward one step at a time: from each status, the one it may become. */
    private static final Map<String, String> NEXT = Map.of("PLACED", "SHIPPED", "SHIPPED", "DELIVERED",
            "DELIVERED", "COMPLETED");

    /**
     * Records a fulfilment step (ops): PLACED → SHIPPED → DELIVERED → COMPLETED, one step at a time;
     * setting the status it already has is a no-op.
     *
     * @return the order as it is now; empty when there is no such order
     * @throws IllegalStateException when the order cannot move to that status from where it is
     */
    @Transactional
    public Optional<OrderRecord> advanceFulfilment(UUID orderId, String status) {
        Optional<String> current = jdbc.prepareStatement("SELECT status FROM orders WHERE id = ? FOR UPDATE",
                statement -> {
                    statement.setObject(1, orderId);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                    }
                });
        if (current.isEmpty()) {
            return Optional.empty();
        }
        if (!current.get().equals(status)) {
            if (!status.equals(NEXT.get(current.get()))) {
                throw new IllegalStateException("The order is " + current.get() + "; it can become "
                        + (NEXT.containsKey(current.get()) ? NEXT.get(current.get()) : "nothing else") + ", not " + status);
            }
            jdbc.prepareStatement("UPDATE orders SET status = ?, updated_at = now() WHERE id = ?", statement -> {
                statement.setString(1, status);
                statement.setObject(2, orderId);
                return statement.executeUpdate();
            });
        }
        List<OrderRecord> orders = jdbc.prepareStatement(ORDER_COLUMNS + " WHERE o.id = ?", statement -> {
            statement.setObject(1, orderId);
            return readOrders(statement.executeQuery());
        });
        return withLines(orders).stream().findFirst();
    }

    /** How many orders exist for a checkout (0 or 1; for tests and ops checks). */
    @ReadOnly
    public int countForCheckout(UUID checkoutId) {
        return jdbc.prepareStatement("SELECT count(*) FROM orders WHERE checkout_id = ?", statement -> {
            statement.setObject(1, checkoutId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    private static final String ORDER_COLUMNS = """
            SELECT o.id, o.checkout_id, o.user_id, o.status, o.subtotal, o.total, o.currency,
                   o.shipping_address::text AS shipping_address, o.created_at,
                   (SELECT p.status FROM payments p WHERE p.checkout_id = o.checkout_id
                    ORDER BY p.updated_at DESC LIMIT 1) AS payment_status
            FROM orders o
            """;

    private List<OrderRecord> readOrders(ResultSet rows) throws SQLException {
        try (rows) {
            List<OrderRecord> orders = new ArrayList<>();
            while (rows.next()) {
                orders.add(new OrderRecord(rows.getObject("id", UUID.class), rows.getObject("checkout_id", UUID.class),
                        rows.getString("user_id"), rows.getString("status"), rows.getString("payment_status"),
                        rows.getBigDecimal("subtotal"),
                        rows.getBigDecimal("total"), rows.getString("currency"),
                        json.read(rows.getString("shipping_address"), ShippingAddress.class), List.of(),
                        rows.getTimestamp("created_at").toInstant()));
            }
            return orders;
        }
    }

    private List<OrderRecord> withLines(List<OrderRecord> orders) {
        if (orders.isEmpty()) {
            return orders;
        }
        Map<UUID, List<OrderLineRecord>> lines = new LinkedHashMap<>();
        jdbc.prepareStatement("""
                SELECT id, order_id, line_no, product_id, sku, product_name, category, size, quantity, unit_price,
                       line_total, currency
                FROM order_lines WHERE order_id = ANY (?) ORDER BY order_id, line_no
                """, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid",
                    orders.stream().map(OrderRecord::id).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.computeIfAbsent(rows.getObject("order_id", UUID.class), id -> new ArrayList<>())
                            .add(new OrderLineRecord(rows.getObject("id", UUID.class), rows.getInt("line_no"),
                                    rows.getLong("product_id"), rows.getString("sku"), rows.getString("product_name"),
                                    rows.getString("category"), rows.getString("size"), rows.getInt("quantity"),
                                    rows.getBigDecimal("unit_price"), rows.getBigDecimal("line_total"),
                                    rows.getString("currency")));
                }
            }
            return null;
        });
        return orders.stream().map(order -> order.withLines(lines.getOrDefault(order.id(), List.of()))).toList();
    }
}
