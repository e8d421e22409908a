package com.styleshepherd.gpu.returnrisk;

import com.styleshepherd.workflows.returnrisk.CategoryReturns;
import com.styleshepherd.workflows.returnrisk.LineRisk;
import com.styleshepherd.workflows.returnrisk.LineSignals;
import com.styleshepherd.workflows.returnrisk.ReturnHistory;
import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
import com.styleshepherd.workflows.returnrisk.ReturnRiskSignals;
import com.styleshepherd.workflows.returnrisk.RiskLevel;
import com.styleshepherd.workflows.returnrisk.ShopperFit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The first return-risk model: a hand-set logistic score over four signals, to be replaced by a
 * learned model behind the same activity.
 * <ol>
 *   <li>the category's return rate: our own returns, shrunk toward an industry prior while few units
 *       have sold (online apparel returns run around 20–30%, dresses and jeans highest, accessories
 *       lowest);</li>
 *   <li>the shopper's own return rate, shrunk toward the average;</li>
 *   <li>how many sizes the chosen size is from the one their measurements or usual size suggest — the
 *       main driver of fashion returns (Misra et al., RecSys 2018: fit is the first return reason);</li>
 *   <li>bracketing: the same item in several sizes in one cart, where all but one are meant to go back.</li>
 * </ol>
 */
final class ReturnRiskRules {

    static final String MODEL_ID = "return-risk-rules";
    static final String MODEL_VERSION = "1";

    static final double HIGH = 0.45;
    static final double MEDIUM = 0.28;

    private static final double BASE_RATE = 0.20;
    private static final Map<String, Double> CATEGORY_PRIOR = Map.ofEntries(
            Map.entry("dresses", 0.30), Map.entry("jeans", 0.28), Map.entry("trousers", 0.25),
            Map.entry("skirts", 0.24), Map.entry("outerwear", 0.22), Map.entry("shoes", 0.22),
            Map.entry("shirts", 0.20), Map.entry("knitwear", 0.20), Map.entry("tops", 0.18),
            Map.entry("activewear", 0.18), Map.entry("bags", 0.08), Map.entry("accessories", 0.06));
    /** How many sold units the prior is worth: a category's own rate dominates after a few hundred sales. */
    private static final double CATEGORY_PRIOR_WEIGHT = 50;
    private static final double SHOPPER_PRIOR_WEIGHT = 10;
    private static final double PER_SIZE_STEP = 0.8;
    private static final double BRACKETING = 1.5;
    private static final double SAME_DIRECTION_HISTORY = 0.3;
    private static final double UNKNOWN_FIT = 0.15;

    private ReturnRiskRules() {
    }

    static ReturnRiskAssessment assess(ReturnRiskSignals signals) {
        ShopperFit shopper = signals.shopper() == null ? ShopperFit.UNKNOWN : signals.shopper();
        ReturnHistory history = signals.history() == null ? ReturnHistory.NONE : signals.history();
        Map<Long, List<LineSignals>> byProduct = signals.lines().stream()
                .collect(Collectors.groupingBy(LineSignals::productId, LinkedHashMap::new, Collectors.toList()));

        double shopperRate = shopperRate(history);
        List<LineRisk> lines = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<String> suggestions = new ArrayList<>();
        double noReturn = 1.0;
        for (LineSignals line : signals.lines()) {
            Map<String, Double> features = new LinkedHashMap<>();
            List<String> lineReasons = new ArrayList<>();
            double categoryRate = categoryRate(line.category(), signals.categories().get(line.category()));
            double logit = logit(categoryRate) + logit(shopperRate) - logit(BASE_RATE);
            features.put(ReturnFeatures.CATEGORY_RATE, categoryRate);
            features.put(ReturnFeatures.SHOPPER_RATE, shopperRate);
            if (shopperRate > 0.35) {
                lineReasons.add("You have returned " + percent(history.unitsReturned(), history.unitsBought())
                        + " of what you bought");
            }

            Optional<String> recommended = SizeAdvisor.isSized(line)
                    ? SizeAdvisor.recommend(line, shopper) : Optional.empty();
            int steps = recommended.map(size -> line.sizesOffered().indexOf(line.size())
                    - line.sizesOffered().indexOf(size)).orElse(0);
            features.put("sizeSteps", (double) steps);
            features.put("fitKnown", recommended.isPresent() ? 1.0 : 0.0);
            if (recommended.isPresent() && steps != 0) {
                logit += PER_SIZE_STEP * Math.min(3, Math.abs(steps));
                String direction = steps < 0 ? "smaller" : "larger";
                lineReasons.add(line.name() + ": size " + line.size() + " is " + Math.abs(steps) + " size"
                        + (Math.abs(steps) > 1 ? "s " : " ") + direction + " than the " + recommended.get()
                        + " your measurements suggest");
                suggestions.add("Size " + recommended.get() + " of " + line.name() + " fits you better than "
                        + line.size());
                boolean returnsSameWay = steps < 0
                        ? history.returnedTooSmall() >= 2 && history.returnedTooSmall() > history.returnedTooLarge()
                        : history.returnedTooLarge() >= 2 && history.returnedTooLarge() > history.returnedTooSmall();
                if (returnsSameWay) {
                    logit += SAME_DIRECTION_HISTORY;
                    lineReasons.add("You have returned items before as too " + (steps < 0 ? "small" : "large"));
                }
            } else if (recommended.isEmpty() && SizeAdvisor.isSized(line)) {
                logit += UNKNOWN_FIT;
            }

            List<LineSignals> sameProduct = byProduct.get(line.productId());
            boolean bracketing = sameProduct.stream().map(LineSignals::size).distinct().count() > 1;
            features.put(ReturnFeatures.BRACKETING, bracketing ? 1.0 : 0.0);
            if (bracketing) {
                logit += BRACKETING;
                lineReasons.add(line.name() + " is in your cart in several sizes");
            }
            double probability = sigmoid(logit);
            noReturn *= Math.pow(1 - probability, line.quantity());
            features.put("logit", logit);
            lines.add(new LineRisk(line.lineNo(), line.productId(), line.size(), probability, level(probability),
                    recommended.orElse(null), lineReasons, features));
            lineReasons.stream().filter(reason -> !reasons.contains(reason)).forEach(reasons::add);
        }
        byProduct.values().stream()
                .filter(same -> same.stream().map(LineSignals::size).distinct().count() > 1)
                .forEach(same -> {
                    LineSignals first = same.getFirst();
                    String sizes = same.stream().map(LineSignals::size).distinct().collect(Collectors.joining(" and "));
                    String keep = SizeAdvisor.recommend(first, shopper)
                            .map(size -> "; size " + size + " should fit you").orElse("");
                    suggestions.add("Order one size of " + first.name() + " instead of " + sizes + keep);
                });

        RiskLevel basketLevel = lines.stream().map(LineRisk::level).max(Comparator.naturalOrder()).orElse(RiskLevel.LOW);
        return new ReturnRiskAssessment(MODEL_ID, MODEL_VERSION, 1 - noReturn, basketLevel, lines,
                reasons, suggestions.stream().distinct().toList());
    }

    static double categoryRate(String category, CategoryReturns observed) {
        double prior = CATEGORY_PRIOR.getOrDefault(category.toLowerCase(Locale.ROOT), BASE_RATE);
        long sold = observed == null ? 0 : observed.unitsSold();
        long returned = observed == null ? 0 : observed.unitsReturned();
        return (returned + CATEGORY_PRIOR_WEIGHT * prior) / (sold + CATEGORY_PRIOR_WEIGHT);
    }

    /** The shopper's return rate, shrunk toward the base rate while they have bought little. */
    static double shopperRate(ReturnHistory history) {
        return (history.unitsReturned() + SHOPPER_PRIOR_WEIGHT * BASE_RATE) / (history.unitsBought() + SHOPPER_PRIOR_WEIGHT);
    }

    static RiskLevel level(double probability) {
        return probability >= HIGH ? RiskLevel.HIGH : probability >= MEDIUM ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : Math.round(100.0 * part / whole) + "%";
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
