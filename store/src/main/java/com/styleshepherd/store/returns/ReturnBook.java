package com.styleshepherd.store.returns;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Shoppers' returns (table {@code returns}): at most one per order line, only for delivered orders. */
@Singleton
public class ReturnBook {

    static final Set<String> RETURNABLE = Set.of("DELIVERED", "COMPLETED");

    private static final String COLUMNS = """
            SELECT r.id, r.order_id, r.order_line_id, l.product_id, l.sku, l.product_name, l.size, r.quantity,
                   r.reason, r.comment, r.status, r.created_at
            FROM returns r JOIN order_lines l ON l.id = r.order_line_id
            """;

    private final JdbcOperations jdbc;

    ReturnBook(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a return of {@code quantity} units (all of the line's when null) of one line of the shopper's
     * delivered order.
     *
     * @throws ReturnRefused when the order or line is not the shopper's, the order is not delivered, the
     *     line was returned already or holds fewer units
     */
    @Transactional
    public ReturnRecord request(String userId, UUID orderId, UUID lineId, @Nullable Integer quantity, String reason,
            @Nullable String comment) {
        // Locks the order, so two requests for the same line are decided one after the other.
        Optional<String> orderStatus = jdbc.prepareStatement(
                "SELECT status FROM orders WHERE id = ? AND user_id = ? FOR UPDATE", statement -> {
                    statement.setObject(1, orderId);
                    statement.setString(2, userId);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                    }
                });
        if (orderStatus.isEmpty()) {
            throw new ReturnRefused(ReturnRefused.Why.ORDER_NOT_FOUND, "No order " + orderId);
        }
        Optional<Integer> bought = jdbc.prepareStatement(
                "SELECT quantity FROM order_lines WHERE id = ? AND order_id = ?", statement -> {
                    statement.setObject(1, lineId);
                    statement.setObject(2, orderId);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next() ? Optional.of(rows.getInt(1)) : Optional.<Integer>empty();
                    }
                });
        if (bought.isEmpty()) {
            throw new ReturnRefused(ReturnRefused.Why.LINE_NOT_FOUND, "Order " + orderId + " has no line " + lineId);
        }
        if (!RETURNABLE.contains(orderStatus.get())) {
            throw new ReturnRefused(ReturnRefused.Why.NOT_DELIVERED,
                    "The order is " + orderStatus.get() + ": only delivered orders can be returned");
        }
        int units = quantity == null ? bought.get() : quantity;
        if (units > bought.get()) {
            throw new ReturnRefused(ReturnRefused.Why.TOO_MANY_UNITS,
                    "the line holds " + bought.get() + " unit(s), not " + units);
        }
        UUID id = UUID.randomUUID();
        int inserted = jdbc.prepareStatement("""
                INSERT INTO returns (id, order_id, order_line_id, user_id, quantity, reason, comment)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (order_line_id) DO NOTHING
                """, statement -> {
            statement.setObject(1, id);
            statement.setObject(2, orderId);
            statement.setObject(3, lineId);
            statement.setString(4, userId);
            statement.setInt(5, units);
            statement.setString(6, reason);
            statement.setString(7, comment);
            return statement.executeUpdate();
        });
        if (inserted == 0) {
            throw new ReturnRefused(ReturnRefused.Why.ALREADY_RETURNED, "Line " + lineId + " has a return already");
        }
        return find(id).orElseThrow();
    }

    /** The shopper's returns, newest first. */
    @ReadOnly
    public Page<ReturnRecord> listForUser(String userId, Pageable pageable) {
        long total = jdbc.prepareStatement("SELECT count(*) FROM returns WHERE user_id = ?", statement -> {
            statement.setString(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        List<ReturnRecord> page = jdbc.prepareStatement(COLUMNS
                + " WHERE r.user_id = ? ORDER BY r.created_at DESC, r.id LIMIT ? OFFSET ?", statement -> {
            statement.setString(1, userId);
            statement.setInt(2, pageable.getSize());
            statement.setLong(3, pageable.getOffset());
            return read(statement.executeQuery());
        });
        return Page.of(page, pageable, total);
    }

    /** The return if it is the shopper's; empty for anyone else's. */
    @ReadOnly
    public Optional<ReturnRecord> findForUser(UUID id, String userId) {
        return jdbc.prepareStatement(COLUMNS + " WHERE r.id = ? AND r.user_id = ?", statement -> {
            statement.setObject(1, id);
            statement.setString(2, userId);
            return read(statement.executeQuery()).stream().findFirst();
        });
    }

    private Optional<ReturnRecord> find(UUID id) {
        return jdbc.prepareStatement(COLUMNS + " WHERE r.id = ?", statement -> {
            statement.setObject(1, id);
            return read(statement.executeQuery()).stream().findFirst();
        });
    }

    private static List<ReturnRecord> read(ResultSet rows) throws SQLException {
        try (rows) {
            List<ReturnRecord> returns = new ArrayList<>();
            while (rows.next()) {
                returns.add(new ReturnRecord(rows.getObject("id", UUID.class), rows.getObject("order_id", UUID.class),
                        rows.getObject("order_line_id", UUID.class), rows.getLong("product_id"), rows.getString("sku"),
                        rows.getString("product_name"), rows.getString("size"), rows.getInt("quantity"),
                        rows.getString("reason"), rows.getString("comment"), rows.getString("status"),
                        rows.getTimestamp("created_at").toInstant()));
            }
            return returns;
        }
    }
}
