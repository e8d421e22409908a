package com.styleshepherd.activities.checkout;

import com.styleshepherd.store.checkout.StockReservations;
import com.styleshepherd.workflows.checkout.StockHoldActivities;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
class StockHoldActivitiesImpl implements StockHoldActivities {

    private static final Logger LOG = LoggerFactory.getLogger(StockHoldActivitiesImpl.class);

    private final StockReservations reservations;

    StockHoldActivitiesImpl(StockReservations reservations) {
        this.reservations = reservations;
    }

    @Override
    public int expireOverdueHolds(int limit) {
        int expired = reservations.expireOverdue(limit);
        if (expired > 0) {
            LOG.info("Returned {} expired stock holds to stock", expired);
        }
        return expired;
    }
}
