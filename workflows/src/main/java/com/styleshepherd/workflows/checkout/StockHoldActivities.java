package com.styleshepherd.workflows.checkout;

import io.temporal.activity.ActivityInterface;

/** The stock-hold sweep's one step. */
@ActivityInterface
public interface StockHoldActivities {

    /** Returns at most {@code limit} expired holds to stock, in one transaction; how many it returned. */
    int expireOverdueHolds(int limit);
}
