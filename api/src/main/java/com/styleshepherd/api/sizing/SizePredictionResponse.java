package com.styleshepherd.api.sizing;

import com.styleshepherd.workflows.conversation.SizePrediction;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which size of a product should fit the caller.
 *
 * @param recommendedSize the most probable size; null when nothing we know about the caller tells sizes apart
 * @param probabilities per size the product is sold in, smallest first (4 decimals; they sum to 1); empty, never
 *     uniform, when nothing tells sizes apart
 * @param confidence the recommended size's probability (0 when there is none)
 * @param explanation one sentence for the shopper; with no recommendation, what they have not told us that would help
 * @param reasons the explanation's parts; a size-chart reason names the chart (a letter-size chart after EN 13402-3)
 *     and the interval the measurement fell in
 * @param sources what was used: {@code size-model v3}, {@code fit-model v2}, {@code size-chart}, {@code usual-size}
 */
@Serdeable
public record SizePredictionResponse(long productId, @Nullable String recommendedSize, Map<String, BigDecimal> probabilities,
        BigDecimal confidence, String explanation, List<String> reasons, List<String> sources) {

    static SizePredictionResponse of(SizePrediction prediction) {
        Map<String, BigDecimal> probabilities = new LinkedHashMap<>();
        prediction.probabilities().forEach((size, p) -> probabilities.put(size, round(p)));
        return new SizePredictionResponse(prediction.productId(), prediction.recommendedSize(), probabilities,
                round(prediction.confidence()), prediction.explanation(), prediction.reasons(), prediction.sources());
    }

    private static BigDecimal round(double p) {
        return BigDecimal.valueOf(p).setScale(4, RoundingMode.HALF_EVEN);
    }
}
