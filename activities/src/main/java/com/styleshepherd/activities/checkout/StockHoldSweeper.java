package com.styleshepherd.activities.checkout;

import com.styleshepherd.store.checkout.StockReservations;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns expired stock holds to stock, every minute, in each regular worker. A checkout whose hold
 * expired can still complete: creating its order takes the units again, or refunds if they are gone.
 */
@Singleton
@Requires(property = "styleshepherd.worker.enabled", value = "true")
public class StockHoldSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StockHoldSweeper.class);
    private static final int BATCH = 500;

    private final StockReservations reservations;

    StockHoldSweeper(StockReservations reservations) {
        this.reservations = reservations;
    }

    @Scheduled(fixedDelay = "${styleshepherd.checkout.hold-sweep-interval:1m}", initialDelay = "30s")
    void sweep() {
        int expired;
        int total = 0;
        do {
            expired = reservations.expireOverdue(BATCH);
            total += expired;
        } while (expired == BATCH);
        if (total > 0) {
            LOG.info("Returned {} expired stock holds to stock", total);
        }
    }
}
