package com.styleshepherd.cache;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** Products recommended to a shopper, as last computed. */
@Serdeable
public record CachedRecommendations(String userId, List<Long> productIds, Instant computedAt) {
}
