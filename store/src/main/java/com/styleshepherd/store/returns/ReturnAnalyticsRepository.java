package com.styleshepherd.store.returns;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The SQL behind {@link ReturnAnalytics}: the order lines of a period ({@code :from} inclusive, {@code :to}
 * exclusive) summed up in several ways. Each query reads rows of its own shape; the rates are worked out
 * from them in Java.
 *
 * <p>A line is returned when the warehouse received it back, in whatever condition ({@code returned}); a return
 * asked for and not (yet) received is only awaited ({@code awaited}). Returns recorded before returns were received
 * (issue 25) have no receipt date: those the old flow marked received or refunded count as returned.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReturnAnalyticsRepository extends GenericRepository<ReturnRecord, UUID> {

    /** Each order line of the period with its return (if any) and its latest line prediction (if any). */
    String SOLD = """
            WITH sold AS (
                SELECT l.id, l.product_id, l.sku, l.product_name, l.category, l.quantity, o.currency,
            """ + "CASE WHEN " + ReturnRecord.CAME_BACK + " THEN r.quantity END AS returned,\n" + """
                       CASE WHEN r.received_at IS NULL AND r.status = 'REQUESTED' THEN r.quantity END AS awaited,
                       r.reason, r.condition, r.refund_amount,
                       p.probability, p.risk_level, p.model_id, p.model_version
                FROM order_lines l
                JOIN orders o ON o.id = l.order_id
                LEFT JOIN returns r ON r.order_line_id = l.id
                LEFT JOIN LATERAL (
                    SELECT rp.probability, rp.risk_level, rp.model_id, rp.model_version FROM return_predictions rp
                    WHERE rp.checkout_id = o.checkout_id AND rp.line_no = l.line_no
                    ORDER BY rp.created_at DESC LIMIT 1) p ON TRUE
                WHERE o.created_at >= :from AND o.created_at < :to
            )
            """;

    @Query(SOLD + """
            SELECT coalesce(sum(quantity), 0) AS units_sold, coalesce(sum(returned), 0) AS units_returned,
                   coalesce(sum(awaited), 0) AS units_awaited
            FROM sold
            """)
    Totals totals(Instant from, Instant to);

    /** Lines by category ({@code :byCategory}) or else by product, most returned first. */
    @Query(SOLD + """
            SELECT CASE WHEN :byCategory THEN category ELSE CAST(product_id AS text) END AS key,
                   CASE WHEN :byCategory THEN min(category) ELSE min(sku) || ' ' || min(product_name) END AS label,
                   sum(quantity) AS units_sold, coalesce(sum(returned), 0) AS units_returned,
                   coalesce(sum(awaited), 0) AS units_awaited, count(*) AS lines, count(returned) AS lines_returned,
                   avg(probability) AS mean_predicted, count(probability) AS lines_scored
            FROM sold GROUP BY 1 ORDER BY units_returned DESC, units_sold DESC, key
            """)
    List<ItemGroup> byItem(Instant from, Instant to, boolean byCategory);

    @Query(SOLD + """
            SELECT reason, coalesce(sum(returned), 0) AS units_returned, coalesce(sum(awaited), 0) AS units_awaited,
                   count(returned) AS lines, avg(probability) AS mean_predicted, count(probability) AS lines_scored
            FROM sold WHERE reason IS NOT NULL GROUP BY reason ORDER BY units_returned DESC, reason
            """)
    List<ReasonGroup> byReason(Instant from, Instant to);

    @Query(SOLD + """
            SELECT risk_level, count(*) AS lines, count(returned) AS lines_returned, avg(probability) AS mean_predicted
            FROM sold WHERE risk_level IS NOT NULL
            GROUP BY risk_level ORDER BY CASE risk_level WHEN 'LOW' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END
            """)
    List<RiskLevel> byRiskLevel(Instant from, Instant to);

    /** The units received back in each condition, and what was refunded for them, per currency. */
    @Query(SOLD + """
            SELECT condition, currency, sum(returned) AS units, count(*) AS lines,
                   coalesce(sum(refund_amount), 0) AS refunded
            FROM sold WHERE condition IS NOT NULL
            GROUP BY condition, currency
            ORDER BY CASE condition WHEN 'RESELLABLE' THEN 1 WHEN 'DAMAGED' THEN 2 ELSE 3 END, currency
            """)
    List<ConditionGroup> byCondition(Instant from, Instant to);

    /** The scored lines in ten probability bins per model version, ordered by model, version and bin. */
    @Query(SOLD + """
            SELECT model_id, model_version, CAST(least(floor(probability * 10), 9) AS int) AS bin, count(*) AS lines,
                   count(returned) AS lines_returned, avg(probability) AS mean_predicted,
                   sum(power(probability - CASE WHEN returned IS NULL THEN 0 ELSE 1 END, 2)) AS squared_error
            FROM sold WHERE probability IS NOT NULL
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """)
    List<ModelBin> byModelBin(Instant from, Instant to);

    /** Units sold in the period, and how many came back. */
    @Introspected
    record Totals(long unitsSold, long unitsReturned, long unitsAwaited) {
    }

    /** A category's or product's lines. */
    @Introspected
    record ItemGroup(String key, String label, long unitsSold, long unitsReturned, long unitsAwaited, long lines,
            long linesReturned, @Nullable BigDecimal meanPredicted, long linesScored) {
    }

    /** The lines returned for one reason. */
    @Introspected
    record ReasonGroup(String reason, long unitsReturned, long unitsAwaited, long lines,
            @Nullable BigDecimal meanPredicted, long linesScored) {
    }

    /** The lines received back in one condition, in one currency. */
    @Introspected
    record ConditionGroup(String condition, String currency, long units, long lines, BigDecimal refunded) {
    }

    /** The lines predicted at one risk level. */
    @Introspected
    record RiskLevel(String riskLevel, long lines, long linesReturned, BigDecimal meanPredicted) {
    }

    /** One model version's lines in one probability bin. */
    @Introspected
    record ModelBin(String modelId, String modelVersion, int bin, long lines, long linesReturned,
            BigDecimal meanPredicted, double squaredError) {
    }
}
