package com.styleshepherd.store.checkout;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.workflows.returnrisk.RiskLevel;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A checkout with what its steps recorded, as the api shows it. */
@Singleton
public class CheckoutDetailsStore {

    private static final Argument<List<String>> STRINGS = Argument.listOf(String.class);

    private final JdbcOperations jdbc;
    private final JsonColumns json;
    private final CheckoutStore checkouts;
    private final PaymentLedger payments;

    CheckoutDetailsStore(JdbcOperations jdbc, JsonColumns json, CheckoutStore checkouts, PaymentLedger payments) {
        this.jdbc = jdbc;
        this.json = json;
        this.checkouts = checkouts;
        this.payments = payments;
    }

    /** The checkout with its latest payment, order and basket risk. */
    @ReadOnly
    public Optional<CheckoutDetails> find(UUID checkoutId) {
        return checkouts.find(checkoutId).map(checkout -> new CheckoutDetails(checkout,
                payments.latestFor(checkoutId).orElse(null), orderId(checkoutId).orElse(null),
                risk(checkoutId).orElse(null)));
    }

    private Optional<UUID> orderId(UUID checkoutId) {
        return jdbc.prepareStatement("SELECT id FROM orders WHERE checkout_id = ?", statement -> {
            statement.setObject(1, checkoutId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.empty();
            }
        });
    }

    private Optional<RiskSummary> risk(UUID checkoutId) {
        return jdbc.prepareStatement("""
                SELECT probability, risk_level, reasons::text AS reasons, mitigations::text AS mitigations
                FROM return_predictions WHERE checkout_id = ? AND line_no IS NULL
                ORDER BY created_at DESC LIMIT 1
                """, statement -> {
            statement.setObject(1, checkoutId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RiskSummary(rows.getBigDecimal("probability"),
                        RiskLevel.valueOf(rows.getString("risk_level")), json.read(rows.getString("reasons"), STRINGS),
                        json.read(rows.getString("mitigations"), STRINGS)));
            }
        });
    }
}
