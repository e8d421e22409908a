package com.styleshepherd.store.checkout;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.workflows.returnrisk.LineRisk;
import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
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

    private final ReturnPredictionRepository predictions;
    private final JsonColumns json;

    ReturnPredictions(ReturnPredictionRepository predictions, JsonColumns json) {
        this.predictions = predictions;
        this.json = json;
    }

    /**
     * Stores the assessment once per checkout and model version: a row per line, then the basket's. One
     * statement each, in one transaction (a cart has a handful of lines).
     */
    @Transactional
    public void record(UUID checkoutId, ReturnRiskAssessment assessment) {
        for (LineRisk line : assessment.lines()) {
            List<Map<String, String>> swap = line.recommendedSize() == null || line.recommendedSize().equals(line.size())
                    ? List.of() : List.of(Map.of("swapToSize", line.recommendedSize()));
            predictions.insert(UUID.randomUUID(), checkoutId, (short) line.lineNo(), line.productId(), line.size(),
                    probability(line.probability()), line.level().name(), assessment.modelId(),
                    assessment.modelVersion(), json.write(line.features()), json.write(line.reasons()), json.write(swap));
        }
        predictions.insert(UUID.randomUUID(), checkoutId, null, null, null, probability(assessment.basketProbability()),
                assessment.basketLevel().name(), assessment.modelId(), assessment.modelVersion(), "{}",
                json.write(assessment.reasons()), json.write(assessment.suggestions()));
    }

    private static BigDecimal probability(double value) {
        return BigDecimal.valueOf(Math.min(1.0, Math.max(0.0, value))).setScale(4, RoundingMode.HALF_UP);
    }
}
