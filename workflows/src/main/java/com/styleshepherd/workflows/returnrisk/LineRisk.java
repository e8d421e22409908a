package com.styleshepherd.workflows.returnrisk;

import java.util.List;
import java.util.Map;

/**
 * The return risk of one cart line.
 *
 * @param recommendedSize the size the model expects to fit, or null when it cannot tell
 * @param features the model's inputs for this line, kept with the prediction for audits and training
 */
public record LineRisk(
        int lineNo,
        long productId,
        String size,
        double probability,
        RiskLevel level,
        String recommendedSize,
        List<String> reasons,
        Map<String, Double> features) {

    public LineRisk {
        reasons = List.copyOf(reasons);
        features = Map.copyOf(features);
    }
}
