package com.styleshepherd.store.returns;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Return rates of the orders placed in a period, grouped by category, product or reason, with what the
 * return-risk model predicted for the same lines beside what happened: the model's calibration.
 */
@Singleton
public class ReturnAnalytics {

    /** How the return rates are grouped. */
    public enum GroupBy { CATEGORY, PRODUCT, REASON }

    /**
     * One group. For CATEGORY and PRODUCT: units and lines sold in the period and how many came back;
     * for REASON: the units and lines returned for that reason, against everything sold in the period.
     *
     * @param meanPredictedProbability the mean predicted return probability of the group's lines that
     *     were scored (null when none were)
     */
    @Serdeable
    public record Group(String key, String label, long unitsSold, long unitsReturned, long lines, long linesReturned,
            BigDecimal returnRate, @Nullable BigDecimal meanPredictedProbability, long linesScored) {
    }

    /** Lines by the risk level predicted at checkout: how often each level actually came back. */
    @Serdeable
    public record Calibration(String level, long lines, long linesReturned, BigDecimal observedReturnRate,
            BigDecimal meanPredictedProbability) {
    }

    /**
     * One model version's calibration: its scored lines of the period in ten probability bins, each with
     * the mean predicted probability beside the share that came back, and the Brier score over all of them.
     * This is how a learned model (return-risk-xgboost) is checked against what actually happens.
     */
    @Serdeable
    public record ModelCalibration(String modelId, String modelVersion, long lines, long linesReturned,
            BigDecimal observedReturnRate, BigDecimal meanPredictedProbability, BigDecimal brierScore, List<Bin> bins) {
    }

    /** Lines whose predicted probability fell in [from, to). */
    @Serdeable
    public record Bin(BigDecimal from, BigDecimal to, long lines, long linesReturned, BigDecimal observedReturnRate,
            BigDecimal meanPredictedProbability) {
    }

    /** The API answers this as it is. */
    @Serdeable
    public record Report(Instant from, Instant to, GroupBy groupBy, long unitsSold, long unitsReturned,
            BigDecimal returnRate, List<Group> groups, List<Calibration> calibration,
            List<ModelCalibration> modelCalibration) {
    }

    /** Each order line of the period with its return (if any) and its latest line prediction (if any). */
    private static final String LINES = """
            WITH sold AS (
                SELECT l.id, l.product_id, l.sku, l.product_name, l.category, l.quantity,
                       r.quantity AS returned, r.reason, p.probability, p.risk_level, p.model_id, p.model_version
                FROM order_lines l
                JOIN orders o ON o.id = l.order_id
                LEFT JOIN returns r ON r.order_line_id = l.id
                LEFT JOIN LATERAL (
                    SELECT rp.probability, rp.risk_level, rp.model_id, rp.model_version FROM return_predictions rp
                    WHERE rp.checkout_id = o.checkout_id AND rp.line_no = l.line_no
                    ORDER BY rp.created_at DESC LIMIT 1) p ON TRUE
                WHERE o.created_at >= ? AND o.created_at < ?
            )
            """;

    private final JdbcOperations jdbc;

    ReturnAnalytics(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOnly
    public Report report(Instant from, Instant to, GroupBy groupBy) {
        long[] totals = jdbc.prepareStatement(LINES
                + "SELECT coalesce(sum(quantity), 0), coalesce(sum(returned), 0) FROM sold", statement -> {
            bindPeriod(statement, from, to);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        });
        List<Group> groups = groupBy == GroupBy.REASON ? byReason(from, to, totals[0]) : byItem(from, to, groupBy);
        return new Report(from, to, groupBy, totals[0], totals[1], rate(totals[1], totals[0]), groups,
                calibration(from, to), modelCalibration(from, to));
    }

    private List<Group> byItem(Instant from, Instant to, GroupBy groupBy) {
        String key = groupBy == GroupBy.CATEGORY ? "category" : "product_id::text";
        String label = groupBy == GroupBy.CATEGORY ? "category" : "min(sku) || ' ' || min(product_name)";
        return jdbc.prepareStatement(LINES + """
                SELECT %s AS key, %s AS label, sum(quantity) AS units_sold, coalesce(sum(returned), 0) AS units_returned,
                       count(*) AS lines, count(returned) AS lines_returned,
                       avg(probability) AS mean_predicted, count(probability) AS lines_scored
                FROM sold GROUP BY 1 ORDER BY units_returned DESC, units_sold DESC, key
                """.formatted(key, label), statement -> {
            bindPeriod(statement, from, to);
            try (ResultSet rows = statement.executeQuery()) {
                List<Group> groups = new ArrayList<>();
                while (rows.next()) {
                    long sold = rows.getLong("units_sold");
                    long returned = rows.getLong("units_returned");
                    groups.add(new Group(rows.getString("key"), rows.getString("label"), sold, returned,
                            rows.getLong("lines"), rows.getLong("lines_returned"), rate(returned, sold),
                            scale(rows.getBigDecimal("mean_predicted")), rows.getLong("lines_scored")));
                }
                return groups;
            }
        });
    }

    private List<Group> byReason(Instant from, Instant to, long unitsSold) {
        return jdbc.prepareStatement(LINES + """
                SELECT reason, sum(returned) AS units_returned, count(*) AS lines,
                       avg(probability) AS mean_predicted, count(probability) AS lines_scored
                FROM sold WHERE reason IS NOT NULL GROUP BY reason ORDER BY units_returned DESC, reason
                """, statement -> {
            bindPeriod(statement, from, to);
            try (ResultSet rows = statement.executeQuery()) {
                List<Group> groups = new ArrayList<>();
                while (rows.next()) {
                    long returned = rows.getLong("units_returned");
                    groups.add(new Group(rows.getString("reason"), rows.getString("reason"), unitsSold, returned,
                            rows.getLong("lines"), rows.getLong("lines"), rate(returned, unitsSold),
                            scale(rows.getBigDecimal("mean_predicted")), rows.getLong("lines_scored")));
                }
                return groups;
            }
        });
    }

    private List<Calibration> calibration(Instant from, Instant to) {
        return jdbc.prepareStatement(LINES + """
                SELECT risk_level, count(*) AS lines, count(returned) AS lines_returned, avg(probability) AS mean_predicted
                FROM sold WHERE risk_level IS NOT NULL
                GROUP BY risk_level ORDER BY CASE risk_level WHEN 'LOW' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END
                """, statement -> {
            bindPeriod(statement, from, to);
            try (ResultSet rows = statement.executeQuery()) {
                List<Calibration> levels = new ArrayList<>();
                while (rows.next()) {
                    long lines = rows.getLong("lines");
                    long returned = rows.getLong("lines_returned");
                    levels.add(new Calibration(rows.getString("risk_level"), lines, returned, rate(returned, lines),
                            scale(rows.getBigDecimal("mean_predicted"))));
                }
                return levels;
            }
        });
    }

    private List<ModelCalibration> modelCalibration(Instant from, Instant to) {
        return jdbc.prepareStatement(LINES + """
                SELECT model_id, model_version, least(floor(probability * 10), 9)::int AS bin, count(*) AS lines,
                       count(returned) AS lines_returned, avg(probability) AS mean_predicted,
                       sum(power(probability - CASE WHEN returned IS NULL THEN 0 ELSE 1 END, 2)) AS squared_error
                FROM sold WHERE probability IS NOT NULL
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """, statement -> {
            bindPeriod(statement, from, to);
            try (ResultSet rows = statement.executeQuery()) {
                // Rows come ordered by model and version: each run of them is one model's bins.
                List<ModelCalibration> out = new ArrayList<>();
                List<Bin> bins = new ArrayList<>();
                String modelId = null;
                String modelVersion = null;
                long lines = 0;
                long returned = 0;
                double predicted = 0;
                double squared = 0;
                while (rows.next()) {
                    if (modelId != null && !(modelId.equals(rows.getString("model_id"))
                            && modelVersion.equals(rows.getString("model_version")))) {
                        out.add(modelCalibration(modelId, modelVersion, lines, returned, predicted, squared, bins));
                        bins = new ArrayList<>();
                        lines = 0;
                        returned = 0;
                        predicted = 0;
                        squared = 0;
                    }
                    modelId = rows.getString("model_id");
                    modelVersion = rows.getString("model_version");
                    int bin = rows.getInt("bin");
                    long binLines = rows.getLong("lines");
                    long binReturned = rows.getLong("lines_returned");
                    BigDecimal mean = rows.getBigDecimal("mean_predicted");
                    lines += binLines;
                    returned += binReturned;
                    predicted += mean.doubleValue() * binLines;
                    squared += rows.getDouble("squared_error");
                    bins.add(new Bin(BigDecimal.valueOf(bin, 1), BigDecimal.valueOf(bin + 1L, 1), binLines, binReturned,
                            rate(binReturned, binLines), scale(mean)));
                }
                if (modelId != null) {
                    out.add(modelCalibration(modelId, modelVersion, lines, returned, predicted, squared, bins));
                }
                return out;
            }
        });
    }

    private static ModelCalibration modelCalibration(String modelId, String modelVersion, long lines, long returned,
            double predictedSum, double squaredErrorSum, List<Bin> bins) {
        return new ModelCalibration(modelId, modelVersion, lines, returned, rate(returned, lines),
                scale(BigDecimal.valueOf(predictedSum / lines)),
                BigDecimal.valueOf(squaredErrorSum / lines).setScale(4, RoundingMode.HALF_UP), bins);
    }

    private static void bindPeriod(PreparedStatement statement, Instant from, Instant to) throws SQLException {
        statement.setTimestamp(1, Timestamp.from(from));
        statement.setTimestamp(2, Timestamp.from(to));
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(4, RoundingMode.HALF_UP)
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal scale(@Nullable BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.HALF_UP);
    }
}
