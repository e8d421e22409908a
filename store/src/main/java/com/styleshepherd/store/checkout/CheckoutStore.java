package com.styleshepherd.store.checkout;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.store.shopper.Shoppers;
import com.styleshepherd.workflows.checkout.CheckoutStatus;
import com.styleshepherd.workflows.checkout.FailureReason;
import com.styleshepherd.workflows.checkout.PricedCart;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code checkouts} table: opened by the api (one row per idempotency key), kept in step with the
 * workflow by the checkout activities, read for listing. The workflow is the source of truth while it
 * runs; this is the source of truth for lists and after the workflow's history is gone.
 */
@Singleton
public class CheckoutStore {

    private static final String COLUMNS = """
            c.id, c.user_id, c.idempotency_key, c.request_hash, c.workflow_id, c.status, c.failure_reason,
            c.subtotal, c.total, c.currency, c.runs, c.request::text AS request, c.created_at, c.updated_at
            """;
    private static final String FINAL_STATUSES = "('COMPLETED', 'CANCELLED', 'FAILED')";

    private final JdbcOperations jdbc;
    private final JsonColumns json;
    private final Shoppers shoppers;

    CheckoutStore(JdbcOperations jdbc, JsonColumns json, Shoppers shoppers) {
        this.jdbc = jdbc;
        this.json = json;
        this.shoppers = shoppers;
    }

    /**
     * Opens the checkout, or finds the one already opened with the same idempotency key (whatever its
     * request: the caller compares {@link CheckoutRecord#requestHash()}).
     */
    @Transactional
    public Opening open(NewCheckout checkout) {
        shoppers.ensure(checkout.userId());
        int inserted = jdbc.prepareStatement("""
                INSERT INTO checkouts (id, user_id, idempotency_key, request_hash, workflow_id, status, request)
                VALUES (?, ?, ?, ?, ?, 'PENDING', CAST(? AS jsonb))
                ON CONFLICT (idempotency_key) DO NOTHING
                """, statement -> {
            statement.setObject(1, checkout.id());
            statement.setString(2, checkout.userId());
            statement.setString(3, checkout.idempotencyKey());
            statement.setString(4, checkout.requestHash());
            statement.setString(5, checkout.workflowId());
            statement.setString(6, json.write(checkout.request()));
            return statement.executeUpdate();
        });
        CheckoutRecord row = one("SELECT " + COLUMNS + " FROM checkouts c WHERE c.idempotency_key = ?",
                checkout.idempotencyKey()).orElseThrow();
        return new Opening(row, inserted == 1);
    }

    @ReadOnly
    public Optional<CheckoutRecord> find(UUID checkoutId) {
        return one("SELECT " + COLUMNS + " FROM checkouts c WHERE c.id = ?", checkoutId);
    }

    @ReadOnly
    public Optional<CheckoutRecord> findByIdempotencyKey(String idempotencyKey) {
        return one("SELECT " + COLUMNS + " FROM checkouts c WHERE c.idempotency_key = ?", idempotencyKey);
    }

    /** Checkouts newest first, optionally of one status (for ops). */
    @ReadOnly
    public Page<CheckoutRecord> list(@Nullable CheckoutStatus status, Pageable pageable) {
        String filter = " FROM checkouts c WHERE (CAST(? AS text) IS NULL OR c.status = ?)";
        long total = jdbc.prepareStatement("SELECT count(*)" + filter, statement -> {
            bindStatus(statement, status);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        List<CheckoutRecord> page = jdbc.prepareStatement("SELECT " + COLUMNS + filter
                + " ORDER BY c.created_at DESC, c.id LIMIT ? OFFSET ?", statement -> {
            bindStatus(statement, status);
            statement.setInt(3, pageable.getSize());
            statement.setLong(4, pageable.getOffset());
            try (ResultSet rows = statement.executeQuery()) {
                List<CheckoutRecord> records = new ArrayList<>();
                while (rows.next()) {
                    records.add(read(rows));
                }
                return records;
            }
        });
        return Page.of(page, pageable, total);
    }

    /**
     * Moves a running checkout to {@code status}. A checkout that has ended keeps its ending: a late
     * retry of an earlier step cannot reopen it.
     */
    @Transactional
    public void advance(UUID checkoutId, CheckoutStatus status) {
        jdbc.prepareStatement("UPDATE checkouts SET status = ?, updated_at = now() WHERE id = ? AND status NOT IN "
                + FINAL_STATUSES, statement -> {
            statement.setString(1, status.name());
            statement.setObject(2, checkoutId);
            return statement.executeUpdate();
        });
    }

    /** Records what the cart costs, as priced from the catalog. */
    @Transactional
    public void priced(UUID checkoutId, PricedCart cart) {
        jdbc.prepareStatement("""
                UPDATE checkouts SET subtotal = ?, total = ?, currency = ?, updated_at = now() WHERE id = ?
                """, statement -> {
            statement.setBigDecimal(1, cart.subtotal());
            statement.setBigDecimal(2, cart.total());
            statement.setString(3, cart.currency());
            statement.setObject(4, checkoutId);
            return statement.executeUpdate();
        });
    }

    /** Records how a checkout that did not complete ended. A completed checkout stays completed. */
    @Transactional
    public void end(UUID checkoutId, CheckoutStatus status, FailureReason reason) {
        jdbc.prepareStatement("""
                UPDATE checkouts SET status = ?, failure_reason = ?, updated_at = now()
                WHERE id = ? AND status <> 'COMPLETED'
                """, statement -> {
            statement.setString(1, status.name());
            statement.setString(2, reason == null ? null : reason.name());
            statement.setObject(3, checkoutId);
            return statement.executeUpdate();
        });
    }

    /**
     * Puts a FAILED or CANCELLED checkout back to PENDING for an ops retry. False when the checkout is in
     * any other status (nothing changes).
     */
    @Transactional
    public boolean reopen(UUID checkoutId) {
        return jdbc.prepareStatement("""
                UPDATE checkouts SET status = 'PENDING', failure_reason = NULL, runs = runs + 1, updated_at = now()
                WHERE id = ? AND status IN ('FAILED', 'CANCELLED')
                """, statement -> {
            statement.setObject(1, checkoutId);
            return statement.executeUpdate() == 1;
        });
    }

    /**
     * Checkouts still {@code PENDING} {@code age} after they were opened (or reopened for a retry), oldest
     * first: the workflow writes a status from its first step, so their workflow may never have started.
     */
    @ReadOnly
    public List<CheckoutRecord> pendingLongerThan(Duration age, int limit) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM checkouts c WHERE c.status = 'PENDING' "
                + "AND c.updated_at < now() - make_interval(secs => ?) ORDER BY c.updated_at LIMIT ?", statement -> {
            statement.setDouble(1, age.toMillis() / 1000.0);
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                List<CheckoutRecord> records = new ArrayList<>();
                while (rows.next()) {
                    records.add(read(rows));
                }
                return records;
            }
        });
    }

    private Optional<CheckoutRecord> one(String sql, Object key) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        });
    }

    private static void bindStatus(java.sql.PreparedStatement statement, @Nullable CheckoutStatus status)
            throws SQLException {
        statement.setString(1, status == null ? null : status.name());
        statement.setString(2, status == null ? null : status.name());
    }

    private CheckoutRecord read(ResultSet rows) throws SQLException {
        String reason = rows.getString("failure_reason");
        return new CheckoutRecord(
                rows.getObject("id", UUID.class),
                rows.getString("user_id"),
                rows.getString("idempotency_key"),
                rows.getString("request_hash"),
                rows.getString("workflow_id"),
                CheckoutStatus.valueOf(rows.getString("status")),
                reason == null ? null : FailureReason.valueOf(reason),
                rows.getBigDecimal("subtotal"),
                rows.getBigDecimal("total"),
                rows.getString("currency"),
                rows.getInt("runs"),
                json.read(rows.getString("request"), StoredCheckoutRequest.class),
                instant(rows.getTimestamp("created_at")),
                instant(rows.getTimestamp("updated_at")));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The checkout for an idempotency key, and whether this call created it. */
    public record Opening(CheckoutRecord checkout, boolean created) {
    }
}
