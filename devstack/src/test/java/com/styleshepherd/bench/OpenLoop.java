package com.styleshepherd.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load at a fixed rate: requests start on schedule whether or not earlier ones have
 * answered, and each latency is measured from when its request was <em>due</em>, so a stall shows in
 * the figures instead of slowing the load down (no coordinated omission).
 */
final class OpenLoop {

    /** What one run measured; latencies in microseconds. */
    record Result(String workload, double targetRate, long completed, long errors, double seconds, Histogram latencies,
            String firstError) {

        double achievedRate() {
            return completed / seconds;
        }

        double millis(double percentile) {
            return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private OpenLoop() {
    }

    static Result run(String workload, double ratePerSecond, Duration duration, ClosedLoop.Operation operation)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long intervalNanos = (long) (1e9 / ratePerSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long due = start; due < end; due = start + (++sent) * intervalNanos) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long scheduled = due;
                int client = (int) (sent % 1_000);
                pool.submit(() -> {
                    try {
                        operation.run(client);
                        recorder.recordValue((System.nanoTime() - scheduled) / 1000);
                        completed.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(workload + ": requests still running a minute after the load ended");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(workload, ratePerSecond, completed.get(), errors.get(), seconds,
                recorder.getIntervalHistogram(), firstError.get());
    }
}
