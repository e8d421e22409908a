package com.styleshepherd.store.models;

import com.styleshepherd.store.JsonColumns;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shop's own training rows, read from orders, returns, profiles and the predictions made at checkout.
 * Only delivered (or completed) orders count: what is still on its way has no outcome yet.
 */
@Singleton
public class TrainingData {

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    TrainingData(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A shopper's body and a size they kept (or returned for a reason other than fit). */
    public record SizeRow(double weightKg, double heightCm, String size) {
    }

    /** A purchase with its fit outcome: returned too small, too large, or kept ("fit"). */
    public record FitRow(String userId, long productId, String size, String category, String fit) {
    }

    /** A scored cart line: the features stored with its prediction, and whether it came back. */
    public record ReturnRow(Map<String, Double> features, boolean returned) {
    }

    /** Order lines {@code l} of orders {@code o} with their return {@code r}, if any; {@code %s}: more joins. */
    private static final String LINES_WITH_OUTCOMES = """
            FROM order_lines l
            JOIN orders o ON o.id = l.order_id
            LEFT JOIN returns r ON r.order_line_id = l.id
            %s
            WHERE o.status IN ('DELIVERED', 'COMPLETED')
            """;

    @ReadOnly
    public List<SizeRow> sizeRows() {
        return jdbc.prepareStatement("""
                SELECT p.weight_kg, p.height_cm, l.size
                """ + LINES_WITH_OUTCOMES.formatted("JOIN profiles p ON p.user_id = o.user_id") + """
                  AND (r.id IS NULL OR r.reason NOT IN ('TOO_SMALL', 'TOO_LARGE'))
                  AND p.weight_kg IS NOT NULL
                ORDER BY l.id
                """, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                List<SizeRow> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(new SizeRow(rows.getDouble("weight_kg"),
                            rows.getBigDecimal("height_cm") == null ? Double.NaN : rows.getDouble("height_cm"),
                            rows.getString("size")));
                }
                return out;
            }
        });
    }

    @ReadOnly
    public List<FitRow> fitRows() {
        return jdbc.prepareStatement("""
                SELECT o.user_id, l.product_id, l.size, l.category,
                       CASE r.reason WHEN 'TOO_SMALL' THEN 'small' WHEN 'TOO_LARGE' THEN 'large' ELSE 'fit' END AS fit
                """ + LINES_WITH_OUTCOMES.formatted("") + """
                  AND o.user_id IS NOT NULL
                  AND (r.id IS NULL OR r.reason IN ('TOO_SMALL', 'TOO_LARGE'))
                ORDER BY l.id
                """, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                List<FitRow> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(new FitRow(rows.getString("user_id"), rows.getLong("product_id"), rows.getString("size"),
                            rows.getString("category"), rows.getString("fit")));
                }
                return out;
            }
        });
    }

    /** Lines scored at checkout whose stored features include every one of {@code required}. */
    @ReadOnly
    public List<ReturnRow> returnRows(List<String> required) {
        return jdbc.prepareStatement("""
                SELECT DISTINCT ON (l.id) rp.features::text AS features, (r.id IS NOT NULL) AS returned
                """ + LINES_WITH_OUTCOMES.formatted(
                        "JOIN return_predictions rp ON rp.checkout_id = o.checkout_id AND rp.line_no = l.line_no") + """
                  AND jsonb_exists_all(rp.features, ?)
                ORDER BY l.id, rp.created_at DESC
                """, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("text", required.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                List<ReturnRow> out = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Double> features = json.read(rows.getString("features"),
                            Argument.mapOf(String.class, Double.class));
                    out.add(new ReturnRow(features, rows.getBoolean("returned")));
                }
                return out;
            }
        });
    }
}
