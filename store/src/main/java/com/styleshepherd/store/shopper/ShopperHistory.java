package com.styleshepherd.store.shopper;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What shoppers bought and sent back, as recommendations read it. Cancelled orders do not count. */
@Singleton
public class ShopperHistory {

    private final HistoryRepository repository;

    ShopperHistory(HistoryRepository repository) {
        this.repository = repository;
    }

    /**
     * The products the shopper bought, newest first, at most {@code limit}: one row per product (its
     * latest purchase), with the reason it came back when a line of it was returned.
     */
    @ReadOnly
    public List<Purchase> purchases(String userId, int limit) {
        return repository.purchases(userId, limit);
    }

    /** The best-selling products of the last {@code window}: product id → units sold, most first. */
    @ReadOnly
    public Map<Long, Long> bestSellers(Duration window, int limit) {
        Map<Long, Long> units = new LinkedHashMap<>();
        for (HistoryRepository.ProductSales sales : repository.bestSellers(window.toSeconds(), limit)) {
            units.put(sales.productId(), sales.units());
        }
        return units;
    }

    /**
     * A product the shopper bought.
     *
     * @param returnReason TOO_SMALL, TOO_LARGE, STYLE, QUALITY or OTHER when it came back; null when kept
     */
    @Introspected
    public record Purchase(long productId, String productName, String category, String size,
            @Nullable String returnReason, Instant boughtAt) {

        /** Sent back because the shopper did not like it (not because of its size). */
        public boolean dislikedStyle() {
            return "STYLE".equals(returnReason) || "QUALITY".equals(returnReason);
        }
    }
}
