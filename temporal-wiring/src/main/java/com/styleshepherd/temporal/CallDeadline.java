package com.styleshepherd.temporal;

import io.grpc.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the whole of a call to Temporal, retries and the attempt in flight together, by
 * {@code temporal.call-deadline} (unset: no bound beyond the SDK's). The SDK's retry window
 * ({@link TemporalSettings#callRetryWindow()}) stops new attempts, but an attempt made just before it
 * closes may wait out the RPC timeout (10 s) at a frontend that accepts connections and does not answer
 * yet (one that is starting). A gRPC deadline on the calling context ends that attempt as well: the call
 * fails with {@code DEADLINE_EXCEEDED}, which the api answers 503 (workflow engine unavailable).
 *
 * <p>For calls that answer at once (start, signal, describe, query, list). An Update that waits for the
 * workflow to finish its work, or a workflow's result, needs its own, longer wait.
 */
@Singleton
public class CallDeadline {

    private final Duration deadline;
    private final ScheduledExecutorService timer;

    CallDeadline(TemporalSettings settings) {
        this.deadline = settings.callDeadline();
        this.timer = deadline == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "temporal-call-deadline");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code call} with its Temporal calls bounded by the deadline. */
    public <T> T within(Supplier<T> call) {
        if (deadline == null) {
            return call.get();
        }
        Context.CancellableContext bounded = Context.current()
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS, timer);
        Context previous = bounded.attach();
        try {
            return call.get();
        } finally {
            bounded.detach(previous);
            bounded.cancel(null);
        }
    }

    public void within(Runnable call) {
        within(() -> {
            call.run();
            return null;
        });
    }

    @PreDestroy
    void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
