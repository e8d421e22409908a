package com.styleshepherd.activities.checkout;

import com.styleshepherd.temporal.TemporalSchedules;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.checkout.StockHoldSweepWorkflow;
import com.styleshepherd.workflows.checkout.StockHoldSweepWorkflowImpl;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleSpec;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure expired stock holds go back to stock every {@code hold-sweep-interval}: the Temporal Schedule
 * {@value StockHoldSweepWorkflow#SCHEDULE_ID} ({@link StockHoldSweepWorkflow}, one per cluster, which ops
 * can pause or trigger in the Temporal UI) is created when a regular worker starts. On an engine without
 * schedules (the embedded Java test server of the zero-install dev stack) the worker sweeps on its own timer.
 */
@Singleton
@Requires(property = "styleshepherd.worker.enabled", value = "true")
public class StockHoldSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StockHoldSweeper.class);

    private final ScheduleClient schedules;
    private final StockHoldActivitiesImpl holds;
    private final Duration interval;
    private volatile boolean sweepsHere;

    StockHoldSweeper(ScheduleClient schedules, StockHoldActivitiesImpl holds,
            @Value("${styleshepherd.checkout.hold-sweep-interval:1m}") Duration interval) {
        this.schedules = schedules;
        this.holds = holds;
        this.interval = interval;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        ScheduleActionStartWorkflow sweep = ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(StockHoldSweepWorkflow.class)
                .setOptions(WorkflowOptions.newBuilder()
                        .setWorkflowId(StockHoldSweepWorkflow.SCHEDULE_ID)
                        .setTaskQueue(TaskQueues.CHECKOUT)
                        .setWorkflowRunTimeout(interval.multipliedBy(5))
                        .build())
                .build();
        ScheduleSpec every = ScheduleSpec.newBuilder().setIntervals(List.of(new ScheduleIntervalSpec(interval))).build();
        try {
            sweepsHere = TemporalSchedules.ensure(schedules, StockHoldSweepWorkflow.SCHEDULE_ID, sweep, every)
                    == TemporalSchedules.Outcome.UNSUPPORTED;
            if (sweepsHere) {
                LOG.info("No Temporal Schedules on this engine: expired stock holds are swept by this worker");
            }
        } catch (RuntimeException e) {
            // Temporal unreachable at start: sweep here until a later start can create the schedule.
            LOG.warn("Cannot create the Temporal Schedule {} ({}): this worker sweeps on its own timer",
                    StockHoldSweepWorkflow.SCHEDULE_ID, e.getMessage());
            sweepsHere = true;
        }
    }

    /** The fallback: only where the engine has no schedules. */
    @Scheduled(fixedDelay = "${styleshepherd.checkout.hold-sweep-interval:1m}", initialDelay = "30s")
    void sweepWithoutSchedule() {
        if (!sweepsHere) {
            return;
        }
        int expired;
        do {
            expired = holds.expireOverdueHolds(StockHoldSweepWorkflowImpl.BATCH);
        } while (expired == StockHoldSweepWorkflowImpl.BATCH);
        holds.startOrphanedCheckouts(StockHoldSweepWorkflowImpl.BATCH);
    }
}
