package com.styleshepherd.store.events;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The sizes sold out right now, as the stock-alert consumer keeps them from the event stream: a
 * {@code StockSoldOut} raises an alert, units back in stock ({@code StockReleased}, or a {@code ProductChanged}
 * giving the size stock) clear it. Each event is applied once: its id is recorded in the same transaction.
 */
@Singleton
public class StockAlerts {

    /** The consumer's name in {@code consumed_events}. */
    public static final String CONSUMER = "stock-alerts";

    private final StockAlertRepository repository;

    StockAlerts(StockAlertRepository repository) {
        this.repository = repository;
    }

    @Introspected
    public record Alert(long productSizeId, long productId, String sku, String size, Instant soldOutAt) {
    }

    /** A size sold out; false when this event was applied before. */
    @Transactional
    public boolean soldOut(UUID eventId, long productSizeId, long productId, String sku, String size, Instant at) {
        if (repository.recordConsumed(CONSUMER, eventId) == 0) {
            return false;
        }
        repository.upsert(productSizeId, productId, sku, size, at.toString(), eventId);
        return true;
    }

    /** Sizes with units again; false when this event was applied before. */
    @Transactional
    public boolean inStock(UUID eventId, List<Long> productSizeIds) {
        if (repository.recordConsumed(CONSUMER, eventId) == 0) {
            return false;
        }
        productSizeIds.forEach(repository::delete);
        return true;
    }

    @ReadOnly
    public List<Alert> current() {
        return repository.findAll();
    }

    @ReadOnly
    public boolean consumed(UUID eventId) {
        return repository.countConsumed(CONSUMER, eventId) > 0;
    }
}
