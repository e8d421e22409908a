package com.styleshepherd.activities.checkout;

import com.styleshepherd.store.checkout.CheckoutRecord;
import com.styleshepherd.store.checkout.CheckoutStore;
import com.styleshepherd.store.checkout.StockReservations;
import com.styleshepherd.temporal.CheckoutStarter;
import com.styleshepherd.workflows.checkout.StockHoldActivities;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
class StockHoldActivitiesImpl implements StockHoldActivities {

    private static final Logger LOG = LoggerFactory.getLogger(StockHoldActivitiesImpl.class);

    /** How long an opened checkout may wait for its workflow before the sweep starts it. */
    static final Duration ORPHAN_AGE = Duration.ofMinutes(1);

    private final StockReservations reservations;
    private final CheckoutStore checkouts;
    private final CheckoutStarter starter;

    StockHoldActivitiesImpl(StockReservations reservations, CheckoutStore checkouts, CheckoutStarter starter) {
        this.reservations = reservations;
        this.checkouts = checkouts;
        this.starter = starter;
    }

    @Override
    public int expireOverdueHolds(int limit) {
        int expired = reservations.expireOverdue(limit);
        if (expired > 0) {
            LOG.info("Returned {} expired stock holds to stock", expired);
        }
        return expired;
    }

    @Override
    public int startOrphanedCheckouts(int limit) {
        int started = 0;
        for (CheckoutRecord orphan : checkouts.pendingLongerThan(ORPHAN_AGE, limit)) {
            // Priced again by its workflow: the cart priced at opening may be minutes old.
            if (starter.start(orphan.workflowId(), orphan.toRequest(starter.policy(), null),
                    orphan.followsFailedRun()).isPresent()) {
                started++;
                LOG.warn("Checkout {} was opened {} ago without a workflow: started it userId={}", orphan.id(),
                        Duration.between(orphan.updatedAt(), Instant.now()).withNanos(0), orphan.userId());
            }
        }
        return started;
    }
}
