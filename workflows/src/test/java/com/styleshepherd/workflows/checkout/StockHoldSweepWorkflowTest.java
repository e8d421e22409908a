package com.styleshepherd.workflows.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.styleshepherd.workflows.TaskQueues;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweep takes full batches until one comes back short, and never more than its bound in one run. */
class StockHoldSweepWorkflowTest {

    private TestWorkflowEnvironment env;
    private StockHoldActivities holds;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        holds = mock(StockHoldActivities.class, withSettings().withoutAnnotations());
        Worker worker = env.newWorker(TaskQueues.CHECKOUT);
        worker.registerWorkflowImplementationTypes(StockHoldSweepWorkflowImpl.class);
        worker.registerActivitiesImplementations(holds);
        env.start();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void fullBatchesAreFollowedByAnotherUntilOneIsShort() {
        int batch = StockHoldSweepWorkflowImpl.BATCH;
        when(holds.expireOverdueHolds(batch)).thenReturn(batch, batch, 7);

        assertEquals(2 * batch + 7, sweep().sweep());
        verify(holds, times(3)).expireOverdueHolds(batch);
        verify(holds, times(1)).startOrphanedCheckouts(batch);
    }

    @Test
    void oneRunStopsAtItsBoundAndLeavesTheRestToTheNext() {
        int batch = StockHoldSweepWorkflowImpl.BATCH;
        when(holds.expireOverdueHolds(batch)).thenReturn(batch);

        assertEquals(StockHoldSweepWorkflowImpl.MAX_BATCHES * batch, sweep().sweep());
        verify(holds, times(StockHoldSweepWorkflowImpl.MAX_BATCHES)).expireOverdueHolds(batch);
    }

    private StockHoldSweepWorkflow sweep() {
        return env.getWorkflowClient().newWorkflowStub(StockHoldSweepWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.CHECKOUT).build());
    }
}
