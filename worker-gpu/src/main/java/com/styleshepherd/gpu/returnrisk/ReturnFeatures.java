package com.styleshepherd.gpu.returnrisk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learned return-risk model's inputs for one cart line, by name. They are stored with every
 * prediction (return_predictions.features), which is what retraining on the shop's own returns reads.
 * NaN (not stored) where unknown: XGBoost learns where missing values go.
 */
public final class ReturnFeatures {

    /** The size model's probability that the chosen size is the one that fits. */
    public static final String P_CHOSEN_SIZE = "pChosenSize";
    /** Chosen size's position minus the recommended size's, in sizes of the product. */
    public static final String SIZE_STEPS = "sizeSteps";
    /** The fit model's P(small) and P(large) for this shopper in the chosen size. */
    public static final String FIT_SMALL = "pFitSmall";
    public static final String FIT_LARGE = "pFitLarge";
    public static final String CATEGORY_RATE = "categoryReturnRate";
    public static final String SHOPPER_RATE = "shopperReturnRate";
    /** log(1 + units the shopper bought before). */
    public static final String SHOPPER_UNITS = "shopperUnitsLog";
    public static final String UNIT_PRICE = "unitPrice";
    public static final String BRACKETING = "bracketing";
    public static final String QUANTITY = "quantity";

    public static final List<String> NAMES = List.of(P_CHOSEN_SIZE, SIZE_STEPS, FIT_SMALL, FIT_LARGE, CATEGORY_RATE,
            SHOPPER_RATE, SHOPPER_UNITS, UNIT_PRICE, BRACKETING, QUANTITY);
    /** Features every stored row has, whatever else was unknown: what a training row must carry. */
    public static final List<String> ALWAYS = List.of(CATEGORY_RATE, SHOPPER_RATE, SHOPPER_UNITS, BRACKETING, QUANTITY);

    private ReturnFeatures() {
    }

    /**
     * The rates baseline a learned model must beat: the mean of the line's category and shopper return rates (what
     * checkout reads, through the rules, until a return-risk model is promoted).
     */
    public static double ratesBaseline(Map<String, Double> features) {
        return (features.get(CATEGORY_RATE) + features.get(SHOPPER_RATE)) / 2;
    }

    public static float[] vector(Map<String, Double> features) {
        float[] out = new float[NAMES.size()];
        for (int i = 0; i < out.length; i++) {
            Double value = features.get(NAMES.get(i));
            out[i] = value == null || value.isNaN() ? Float.NaN : value.floatValue();
        }
        return out;
    }

    /** A mutable map in feature order, for building one line's features. */
    public static Map<String, Double> empty() {
        return new LinkedHashMap<>();
    }
}
