package com.styleshepherd.workflows.checkout;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Expires holds in batches until a batch comes back short (or a bounded number of batches ran), then starts
 * the workflow of any checkout opened a minute ago or more whose workflow never started.
 */
public class StockHoldSweepWorkflowImpl implements StockHoldSweepWorkflow {

    /** Holds expired in one transaction. */
    static final int BATCH = 500;
    /** Keeps one run's history small; the next scheduled run takes what is left. */
    static final int MAX_BATCHES = 50;
    static final String START_ORPHANED_CHECKOUTS = "start-orphaned-checkouts";

    private final StockHoldActivities holds = Workflow.newActivityStub(StockHoldActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    // The next run a minute later retries anyway: a few attempts, then let this run fail.
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                    .build());

    @Override
    public int sweep() {
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int expired = holds.expireOverdueHolds(BATCH);
            total += expired;
            if (expired < BATCH) {
                break;
            }
        }
        // Runs in flight when this step was added replay without it.
        if (Workflow.getVersion(START_ORPHANED_CHECKOUTS, Workflow.DEFAULT_VERSION, 1) >= 1) {
            holds.startOrphanedCheckouts(BATCH);
        }
        return total;
    }
}
