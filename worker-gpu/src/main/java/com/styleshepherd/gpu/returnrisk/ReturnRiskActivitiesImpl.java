package com.styleshepherd.gpu.returnrisk;

import com.styleshepherd.gpu.fit.FitModel;
import com.styleshepherd.gpu.fit.FitRecord;
import com.styleshepherd.gpu.models.ModelRegistry;
import com.styleshepherd.gpu.sizing.BoostedSizeModel;
import com.styleshepherd.gpu.sizing.SizePredictor;
import com.styleshepherd.workflows.conversation.SizePrediction;
import com.styleshepherd.workflows.returnrisk.LineRisk;
import com.styleshepherd.workflows.returnrisk.LineSignals;
import com.styleshepherd.workflows.returnrisk.ReturnHistory;
import com.styleshepherd.workflows.returnrisk.ReturnRiskActivities;
import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
import com.styleshepherd.workflows.returnrisk.ReturnRiskSignals;
import com.styleshepherd.workflows.returnrisk.RiskLevel;
import com.styleshepherd.workflows.returnrisk.ShopperFit;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores return risk on the GPU pool's task queue. With a promoted learned model
 * ({@link ReturnRiskModel}, model id {@value #LEARNED_MODEL_ID}) each line's probability is the model's;
 * without one, {@link ReturnRiskRules}'. The reasons and suggestions the shopper sees come from the rules'
 * reading of the same signals either way. Every line's {@link ReturnFeatures} are stored with the
 * prediction, so the shop's own returns can train the next version.
 */
@Singleton
public class ReturnRiskActivitiesImpl implements ReturnRiskActivities {

    public static final String LEARNED_MODEL_ID = "return-risk-xgboost";

    private final ModelRegistry models;

    ReturnRiskActivitiesImpl(ModelRegistry models) {
        this.models = models;
    }

    @Override
    public ReturnRiskAssessment assessReturnRisk(ReturnRiskSignals signals) {
        ReturnRiskAssessment rules = ReturnRiskRules.assess(signals);
        Optional<ModelRegistry.Loaded<BoostedSizeModel>> size = models.size();
        Optional<ModelRegistry.Loaded<FitModel>> fit = models.fit();
        List<Map<String, Double>> features = new ArrayList<>();
        for (int i = 0; i < signals.lines().size(); i++) {
            features.add(features(signals, signals.lines().get(i), rules.lines().get(i).features(), size, fit));
        }
        Optional<ModelRegistry.Loaded<ReturnRiskModel>> learned = models.returnRisk();
        double[] probabilities = learned.map(model -> model.model().probabilities(features)).orElse(null);

        List<LineRisk> lines = new ArrayList<>();
        double noReturn = 1;
        for (int i = 0; i < rules.lines().size(); i++) {
            LineRisk ruled = rules.lines().get(i);
            Map<String, Double> stored = new HashMap<>(ruled.features());
            stored.putAll(features.get(i));
            stored.values().removeIf(value -> value == null || value.isNaN());
            double probability = probabilities == null ? ruled.probability() : probabilities[i];
            noReturn *= Math.pow(1 - probability, signals.lines().get(i).quantity());
            lines.add(new LineRisk(ruled.lineNo(), ruled.productId(), ruled.size(), probability,
                    ReturnRiskRules.level(probability), ruled.recommendedSize(), ruled.reasons(), stored));
        }
        if (learned.isEmpty()) {
            return new ReturnRiskAssessment(rules.modelId(), rules.modelVersion(), rules.basketProbability(),
                    rules.basketLevel(), lines, rules.reasons(), rules.suggestions());
        }
        RiskLevel basket = lines.stream().map(LineRisk::level).max(Comparator.naturalOrder()).orElse(RiskLevel.LOW);
        return new ReturnRiskAssessment(LEARNED_MODEL_ID, Integer.toString(learned.get().version()), 1 - noReturn, basket,
                lines, rules.reasons(), rules.suggestions());
    }

    /**
     * The learned model's inputs for one line (see {@link ReturnFeatures}). The category and shopper return
     * rates and bracketing are the ones the rules already read from the same signals ({@code ruled}).
     */
    static Map<String, Double> features(ReturnRiskSignals signals, LineSignals line, Map<String, Double> ruled,
            Optional<ModelRegistry.Loaded<BoostedSizeModel>> size, Optional<ModelRegistry.Loaded<FitModel>> fit) {
        ShopperFit shopper = signals.shopper() == null ? ShopperFit.UNKNOWN : signals.shopper();
        ReturnHistory history = signals.history() == null ? ReturnHistory.NONE : signals.history();
        Map<String, Double> out = ReturnFeatures.empty();
        if (SizeAdvisor.isSized(line) && line.sizesOffered().contains(line.size())) {
            SizePrediction prediction = SizePredictor.predict(signals.shopperId(), shopper, line, size, fit);
            if (prediction.recommendedSize() != null) {
                out.put(ReturnFeatures.P_CHOSEN_SIZE, prediction.probabilities().get(line.size()));
                out.put(ReturnFeatures.SIZE_STEPS, (double) (line.sizesOffered().indexOf(line.size())
                        - line.sizesOffered().indexOf(prediction.recommendedSize())));
            }
            if (fit.isPresent() && signals.shopperId() != null && fit.get().model().knows(signals.shopperId())) {
                double[] p = fit.get().model().predict(signals.shopperId(), Long.toString(line.productId()), line.size());
                out.put(ReturnFeatures.FIT_SMALL, p[FitRecord.Fit.SMALL.ordinal()]);
                out.put(ReturnFeatures.FIT_LARGE, p[FitRecord.Fit.LARGE.ordinal()]);
            }
        }
        for (String fromRules : List.of(ReturnFeatures.CATEGORY_RATE, ReturnFeatures.SHOPPER_RATE, ReturnFeatures.BRACKETING)) {
            out.put(fromRules, ruled.get(fromRules));
        }
        out.put(ReturnFeatures.SHOPPER_UNITS, Math.log1p(history.unitsBought()));
        if (line.unitPrice() != null) {
            out.put(ReturnFeatures.UNIT_PRICE, line.unitPrice());
        }
        out.put(ReturnFeatures.QUANTITY, (double) line.quantity());
        return out;
    }
}
