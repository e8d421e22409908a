package com.styleshepherd.api.recommendations;

import com.styleshepherd.api.catalog.ProductController;
import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.search.Recommender;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/recommendations?occasion=&maxPrice=&topK=}: products for the caller, from their profile
 * (styles, colours, budget, usual sizes), purchases and returns, and stated preferences, diversified
 * ({@link Recommender}). Answers are cached in Valkey for {@code styleshepherd.recommendations.cache-ttl}
 * (default 30 min) under the caller's tag, dropped when their profile, orders, returns or memories change,
 * and under the catalog's tag, dropped when a product changes.
 */
@Controller("/api/recommendations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Shopper
class RecommendationController {

    static final String CACHE = "recommendations";
    private static final Logger LOG = LoggerFactory.getLogger(RecommendationController.class);
    private static final Argument<RecommendationResponse> RESPONSE = Argument.of(RecommendationResponse.class);

    private final Recommender recommender;
    private final TaggedCache cache;
    private final Duration cacheTtl;
    private final Clock clock;

    RecommendationController(Recommender recommender, TaggedCache cache,
            @Value("${styleshepherd.recommendations.cache-ttl:30m}") Duration cacheTtl) {
        this.recommender = recommender;
        this.cache = cache;
        this.cacheTtl = cacheTtl;
        this.clock = Clock.systemUTC();
    }

    /**
     * Products picked for the caller from their profile, memories and purchases (best sellers when nothing is
     * known), best first, each with its reasons.
     *
     * @param occasion what the outfit is for, in the shopper's words ("wedding", "job interview")
     * @param maxPrice the most to pay for one item; the profile's budget applies as well
     * @param topK how many products (1 to 50, default 10)
     */
    @Get("{?occasion,maxPrice,topK}")
    @Operation(operationId = "recommend")
    @Problems.BadRequest
    RecommendationResponse recommend(Principal shopper,
            @Nullable @QueryValue @Pattern(regexp = "^ *[A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F][A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F0-9 '&-]{0,79} *$",
                    message = "must be 1 to 80 Latin letters (accents too), digits, spaces, ', & or -, such as wedding") String occasion,
            @Parameter(schema = @Schema(maximum = "9999999999.99", multipleOf = 0.01))
            @Nullable @QueryValue @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal maxPrice,
            @Nullable @QueryValue @Min(1) @Max(50) Integer topK) {
        String userId = shopper.getName();
        String normalOccasion = occasion == null ? null : occasion.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int k = topK == null ? 10 : topK;
        String key = userId + "|" + (normalOccasion == null ? "" : normalOccasion) + "|"
                + (maxPrice == null ? "" : maxPrice.stripTrailingZeros().toPlainString()) + "|" + k;
        return cache.getOrCompute(CACHE, key, RESPONSE, cacheTtl,
                Set.of(TaggedCache.shopperTag(userId), ProductController.CATALOG_TAG), () -> {
                    long start = System.nanoTime();
                    RecommendationResponse picked = RecommendationResponse.of(
                            recommender.recommend(userId, new Recommender.Request(normalOccasion, maxPrice, k)),
                            clock.instant());
                    LOG.info("Recommendations computed userId={} occasion={} items={} bestSellers={} in {} ms", userId,
                            normalOccasion, picked.items().size(), picked.basedOn().bestSellers(),
                            (System.nanoTime() - start) / 1_000_000);
                    return picked;
                });
    }
}
