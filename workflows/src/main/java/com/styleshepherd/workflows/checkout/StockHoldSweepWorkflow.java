package com.styleshepherd.workflows.checkout;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Returns expired stock holds to stock. Started every minute by the Temporal Schedule
 * {@value #SCHEDULE_ID} (visible, pausable and triggerable in the Temporal UI), on task queue
 * {@code checkout}. A checkout whose hold expired can still complete: creating its order takes the units
 * again, or refunds if they are gone.
 */
@WorkflowInterface
public interface StockHoldSweepWorkflow {

    String SCHEDULE_ID = "stock-hold-sweep";

    /** @return how many holds went back to stock */
    @WorkflowMethod
    int sweep();
}
