package com.styleshepherd.workflows.returnrisk;

import java.util.List;

/**
 * What the return-risk model says about a cart: per line and for the whole basket (the chance that
 * at least one unit comes back), with reasons and mitigations the shopper can act on.
 */
public record ReturnRiskAssessment(
        String modelId,
        String modelVersion,
        double basketProbability,
        RiskLevel basketLevel,
        List<LineRisk> lines,
        List<String> reasons,
        List<String> suggestions) {

    public ReturnRiskAssessment {
        lines = List.copyOf(lines);
        reasons = List.copyOf(reasons);
        suggestions = List.copyOf(suggestions);
    }
}
