package com.styleshepherd.store.checkout;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.workflows.returnrisk.LineRisk;
import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the return-risk model predicted before the shopper paid, per line and for the basket: kept to
 * measure the model against the returns that actually happen.
 */
@Singleton
public class ReturnPredictions {

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    ReturnPredictions(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the assessment once per checkout and model version; the checkout becomes RISK_REVIEWED. */
    @Transactional
    public void record(UUID checkoutId, ReturnRiskAssessment assessment) {
        jdbc.prepareStatement("""
                INSERT INTO return_predictions (id, checkout_id, line_no, product_id, size, probability, risk_level,
                                                model_id, model_version, features, reasons, mitigations)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb))
                ON CONFLICT (checkout_id, coalesce(line_no, 0), model_id, model_version) DO NOTHING
                """, statement -> {
            for (LineRisk line : assessment.lines()) {
                statement.setObject(1, UUID.randomUUID());
                statement.setObject(2, checkoutId);
                statement.setObject(3, (short) line.lineNo());
                statement.setLong(4, line.productId());
                statement.setString(5, line.size());
                statement.setBigDecimal(6, probability(line.probability()));
                statement.setString(7, line.level().name());
                statement.setString(8, assessment.modelId());
                statement.setString(9, assessment.modelVersion());
                statement.setString(10, json.write(line.features()));
                statement.setString(11, json.write(line.reasons()));
                statement.setString(12, json.write(line.recommendedSize() == null || line.recommendedSize().equals(line.size())
                        ? List.of() : List.of(Map.of("swapToSize", line.recommendedSize()))));
                statement.addBatch();
            }
            statement.setObject(1, UUID.randomUUID());
            statement.setObject(2, checkoutId);
            statement.setObject(3, null);
            statement.setObject(4, null);
            statement.setString(5, null);
            statement.setBigDecimal(6, probability(assessment.basketProbability()));
            statement.setString(7, assessment.basketLevel().name());
            statement.setString(8, assessment.modelId());
            statement.setString(9, assessment.modelVersion());
            statement.setString(10, "{}");
            statement.setString(11, json.write(assessment.reasons()));
            statement.setString(12, json.write(assessment.suggestions()));
            statement.addBatch();
            return statement.executeBatch().length;
        });
    }

    private static BigDecimal probability(double value) {
        return BigDecimal.valueOf(Math.min(1.0, Math.max(0.0, value))).setScale(4, RoundingMode.HALF_UP);
    }
}
