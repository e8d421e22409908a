package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.returnrisk.RiskLevel;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A checkout with what its steps recorded, as the api shows it. */
@Singleton
public class CheckoutDetailsStore {

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final CheckoutStore checkouts;
    private final PaymentLedger payments;

    CheckoutDetailsStore(JdbcOperations jdbc, JsonMapper json, CheckoutStore checkouts, PaymentLedger payments) {
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
                        RiskLevel.valueOf(rows.getString("risk_level")), strings(rows.getString("reasons")),
                        strings(rows.getString("mitigations"))));
            }
        });
    }

    private List<String> strings(String jsonArray) {
        try {
            return json.readValue(jsonArray, Argument.listOf(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
