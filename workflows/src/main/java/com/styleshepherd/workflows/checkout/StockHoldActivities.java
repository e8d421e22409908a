package com.styleshepherd.workflows.checkout;

import io.temporal.activity.ActivityInterface;

/** The sweep's steps: expired stock holds back to stock, orphaned checkouts started. */
@ActivityInterface
public interface StockHoldActivities {

    /** Returns at most {@code limit} expired holds to stock, in one transaction; how many it returned. */
    int expireOverdueHolds(int limit);

    /**
     * Starts the workflow of at most {@code limit} checkouts whose row was opened but whose workflow never
     * started (the api stopped in between); how many it started.
     */
    int startOrphanedCheckouts(int limit);
}
