package com.styleshepherd.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the backend's Temporal Schedules once per cluster: every process that needs one may ask. */
public final class TemporalSchedules {

    private static final Logger LOG = LoggerFactory.getLogger(TemporalSchedules.class);

    private TemporalSchedules() {
    }

    /** What came of asking for a schedule. */
    public enum Outcome {
        CREATED,
        /** It existed (another process made it, or an earlier start): left as it is, paused or not. */
        EXISTS,
        /** The engine has no schedules (the embedded Java test server): the caller runs the work itself. */
        UNSUPPORTED
    }

    /**
     * Asks for a schedule that starts {@code action} on {@code spec}, a run at a time: a start that comes while
     * the last run still runs is skipped.
     */
    public static Outcome ensure(ScheduleClient client, String scheduleId, ScheduleActionStartWorkflow action,
            ScheduleSpec spec) {
        return ensure(client, scheduleId, Schedule.newBuilder()
                .setAction(action)
                .setSpec(spec)
                .setPolicy(SchedulePolicy.newBuilder().setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                        .build())
                .build());
    }

    private static Outcome ensure(ScheduleClient client, String scheduleId, Schedule schedule) {
        try {
            client.createSchedule(scheduleId, schedule, ScheduleOptions.newBuilder().build());
            LOG.info("Temporal Schedule {} created", scheduleId);
            return Outcome.CREATED;
        } catch (ScheduleAlreadyRunningException exists) {
            return Outcome.EXISTS;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return Outcome.UNSUPPORTED;
            }
            throw e;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof StatusRuntimeException grpc
                    && grpc.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return Outcome.UNSUPPORTED;
            }
            throw e;
        }
    }
}
