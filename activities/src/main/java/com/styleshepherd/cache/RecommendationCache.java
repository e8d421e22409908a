package com.styleshepherd.cache;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Each shopper's recommendations, cached for an hour in Valkey. A purchase changes what fits the
 * shopper's wardrobe, so placing an order drops the entry.
 */
@Singleton
public final class RecommendationCache {

    public static final Duration TTL = Duration.ofHours(1);

    private final ValkeyStore<CachedRecommendations> recommendations;

    RecommendationCache(ValkeyStores stores) {
        this.recommendations = stores.store("recommendations", CachedRecommendations.class, TTL);
    }

    public Optional<CachedRecommendations> find(String userId) {
        return recommendations.get(userId);
    }

    public void put(CachedRecommendations entry) {
        recommendations.put(entry.userId(), entry);
    }

    /** Drops the shopper's entry; true when there was one. */
    public boolean invalidate(String userId) {
        return recommendations.delete(userId);
    }
}
