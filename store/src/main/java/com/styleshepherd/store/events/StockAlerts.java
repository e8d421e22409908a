package com.styleshepherd.store.events;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;
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

    /** A size sold out now, since {@code soldOutAt}. */
    @Introspected
    @Serdeable
    public record Alert(long productSizeId, long productId, String sku, String size, Instant soldOutAt) {
    }

    /** A size's stock as an event reports it: none left raises its alert, any left clears it. */
    public record SizeStock(long productSizeId, long productId, String sku, String size, int stockLeft) {
    }

    /** Applies one event's sizes; false (changing nothing) when this event was applied before. */
    @Transactional
    public boolean apply(UUID eventId, Instant occurredAt, List<SizeStock> sizes) {
        if (repository.recordConsumed(CONSUMER, eventId) == 0) {
            return false;
        }
        for (SizeStock size : sizes) {
            if (size.stockLeft() == 0) {
                repository.upsert(size.productSizeId(), size.productId(), size.sku(), size.size(),
                        occurredAt.toString(), eventId);
            } else {
                repository.delete(size.productSizeId());
            }
        }
        return true;
    }

    @ReadOnly
    public List<Alert> current() {
        return repository.findAll();
    }

    /** A page of the sizes sold out now, most recently sold out first. */
    @ReadOnly
    public List<Alert> page(int offset, int limit) {
        return repository.findPage(offset, limit);
    }

    /** How many sizes are sold out now. */
    @ReadOnly
    public long count() {
        return repository.countAll();
    }

    @ReadOnly
    public boolean consumed(UUID eventId) {
        return repository.countConsumed(CONSUMER, eventId) > 0;
    }
}
