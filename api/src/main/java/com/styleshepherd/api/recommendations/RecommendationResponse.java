package com.styleshepherd.api.recommendations;

import com.styleshepherd.api.catalog.ProductResponse;
import com.styleshepherd.search.Recommender;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Products picked for the caller, best first, with why.
 *
 * @param model the text model the taste was measured with ({@code id/version})
 * @param computedAt when they were picked: answers are cached, so this may be up to the cache's TTL ago
 * @param basedOn what the shop knew about the caller when it picked
 */
@Serdeable
public record RecommendationResponse(String model, Instant computedAt, Basis basedOn, List<Item> items) {

    /**
     * @param score similarity to the caller's taste (cosine, -1..1), or for a caller without any known taste
     *     the product's sales relative to the best seller (0..1)
     * @param size the caller's usual size for the product's category, in stock; null when their profile has none
     */
    @Serdeable
    public record Item(float score, @Nullable String size, List<String> reasons, ProductResponse product) {
    }

    /**
     * @param preferences how many stated preferences (memories) were used
     * @param purchases how many products bought were used (kept, or returned for their size)
     * @param styleReturns how many of them came back for their style or quality (steering away from them)
     * @param bestSellers true when nothing was known about the caller's taste: best sellers and new products
     */
    @Serdeable
    public record Basis(@Nullable String occasion, List<String> styles, List<String> colours, int preferences,
            int purchases, int styleReturns, @Nullable BigDecimal minPrice, @Nullable BigDecimal maxPrice,
            Map<String, String> sizes, boolean bestSellers) {
    }

    static RecommendationResponse of(Recommender.Recommendations picked, Instant computedAt) {
        Recommender.Basis b = picked.basedOn();
        return new RecommendationResponse(picked.model(), computedAt,
                new Basis(b.occasion(), b.styles(), b.colours(), b.preferences(), b.purchases(), b.styleReturns(),
                        b.minPrice(), b.maxPrice(), b.sizes(), b.bestSellers()),
                picked.items().stream()
                        .map(item -> new Item(item.score(), item.size(), item.reasons(), ProductResponse.of(item.product())))
                        .toList());
    }
}
