package com.styleshepherd.activities.checkout;

import com.styleshepherd.temporal.TemporalSchedules;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.checkout.StockHoldSweepWorkflow;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
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
 * schedules (the embedded Java test server of the zero-install dev stack) the worker starts the same workflow
 * on its own timer: one sweep, whichever starts it.
 */
@Singleton
@Requires(property = "styleshepherd.worker.enabled", value = "true")
public class StockHoldSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StockHoldSweeper.class);

    private final ScheduleClient schedules;
    private final WorkflowClient client;
    private final Duration interval;
    private volatile boolean sweepsHere;

    StockHoldSweeper(ScheduleClient schedules, WorkflowClient client,
            @Value("${styleshepherd.checkout.hold-sweep-interval:1m}") Duration interval) {
        this.schedules = schedules;
        this.client = client;
        this.interval = interval;
    }

    /** How every sweep runs, from the Schedule or from the fallback timer. */
    private WorkflowOptions sweepOptions() {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(StockHoldSweepWorkflow.SCHEDULE_ID)
                .setTaskQueue(TaskQueues.CHECKOUT)
                .setWorkflowRunTimeout(interval.multipliedBy(5))
                .build();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        ScheduleActionStartWorkflow sweep = ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(StockHoldSweepWorkflow.class)
                .setOptions(sweepOptions())
                .build();
        ScheduleSpec every = ScheduleSpec.newBuilder().setIntervals(List.of(new ScheduleIntervalSpec(interval))).build();
        try {
            sweepsHere = TemporalSchedules.ensure(schedules, StockHoldSweepWorkflow.SCHEDULE_ID, sweep, every)
                    == TemporalSchedules.Outcome.UNSUPPORTED;
            if (sweepsHere) {
                LOG.info("No Temporal Schedules on this engine: expired stock holds are swept by this worker");
            }
        } catch (RuntimeException e) {
            // Temporal unreachable at start: start sweeps from here until a later start can create the schedule.
            LOG.warn("Cannot create the Temporal Schedule {} ({}): this worker sweeps on its own timer",
                    StockHoldSweepWorkflow.SCHEDULE_ID, e.getMessage());
            sweepsHere = true;
        }
    }

    /**
     * The fallback, only where the engine has no schedules: starts the sweep workflow as the Schedule would. A
     * sweep still running is left to finish; an engine that does not answer is tried again at the next tick.
     */
    @Scheduled(fixedDelay = "${styleshepherd.checkout.hold-sweep-interval:1m}",
            initialDelay = "${styleshepherd.checkout.hold-sweep-interval:1m}")
    void sweepWithoutSchedule() {
        if (!sweepsHere) {
            return;
        }
        try {
            WorkflowClient.start(client.newWorkflowStub(StockHoldSweepWorkflow.class, sweepOptions())::sweep);
        } catch (WorkflowExecutionAlreadyStarted running) {
            LOG.debug("The previous stock-hold sweep is still running");
        } catch (RuntimeException unreachable) {
            LOG.warn("Cannot start the stock-hold sweep ({}): trying again in {}", unreachable.getMessage(), interval);
        }
    }
}
