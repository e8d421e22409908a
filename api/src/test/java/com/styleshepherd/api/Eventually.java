package com.styleshepherd.api;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls for what comes in its own time (a workflow's progress, Temporal's eventually consistent visibility). */
public final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long PAUSE_MILLIS = 200;

    private Eventually() {
    }

    /** The first value of {@code call} that {@code done} accepts, within 30 s; fails with the last one. */
    public static <T> T await(Supplier<T> call, Predicate<T> done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T value;
        do {
            value = call.get();
            if (done.test(value)) {
                return value;
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("never got there in " + PATIENCE + ": " + value);
    }
}
