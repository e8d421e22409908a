package com.styleshepherd.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop load: {@code concurrency} clients, each starting its next operation as soon as its last
 * one finished, for a fixed time. Latency is recorded per operation, from start to end.
 */
final class ClosedLoop {

    /** One operation of one client; {@code client} is 0..concurrency-1. */
    @FunctionalInterface
    interface Operation {
        void run(int client) throws Exception;
    }

    /** What one run measured. Latencies in microseconds. */
    record Result(String workload, int concurrency, long completed, long errors, double seconds,
            Histogram latencies, String firstError) {

        double throughput() {
            return completed / seconds;
        }

        double millis(double percentile) {
            return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
        }

        Result plus(Result other) {
            Histogram merged = latencies.copy();
            merged.add(other.latencies);
            return new Result(workload, concurrency, completed + other.completed, errors + other.errors,
                    seconds + other.seconds, merged, firstError != null ? firstError : other.firstError);
        }
    }

    private ClosedLoop() {
    }

    static Result run(String workload, int concurrency, Duration duration, Operation operation)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Runnable> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            int client = i;
            clients.add(() -> {
                while (System.nanoTime() < deadline) {
                    long began = System.nanoTime();
                    try {
                        operation.run(client);
                        recorder.recordValue((System.nanoTime() - began) / 1000);
                        completed.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                }
            });
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            clients.forEach(pool::submit);
            pool.shutdown();
            if (!pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(workload + ": clients did not finish");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(workload, concurrency, completed.get(), errors.get(), seconds,
                recorder.getIntervalHistogram(), firstError.get());
    }
}
