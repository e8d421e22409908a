package com.styleshepherd.workflows.conversation;

import java.util.Map;

/**
 * Which of a product's sizes should fit a shopper, with a probability for each size it is sold in.
 *
 * @param recommendedSize the most probable size, or null when nothing we know tells sizes apart
 * @param probabilities per offered size, smallest first, summing to 1; empty when nothing tells sizes apart
 * @param confidence the recommended size's probability
 * @param explanation why, in words for the shopper
 * @param reasons the explanation's parts ("your height (168 cm) and weight (61 kg)")
 * @param sources what the prediction used: "size-model v3", "fit-model v2", "size-chart", "usual-size"…
 */
public record SizePrediction(long productId, String recommendedSize, Map<String, Double> probabilities,
        double confidence, String explanation, java.util.List<String> reasons, java.util.List<String> sources) {

    public SizePrediction {
        probabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
        reasons = java.util.List.copyOf(reasons);
        sources = java.util.List.copyOf(sources);
    }
}
