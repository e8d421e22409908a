package com.styleshepherd.worker;

import com.styleshepherd.temporal.WorkerProcess;

/**
 * The worker process: the regular worker with PostgreSQL and Valkey, no HTTP. Configured by
 * {@code application-worker.yml} and the environment ({@code TEMPORAL_ADDRESS},
 * {@code DATASOURCES_DEFAULT_URL}, {@code REDIS_URI}, ...).
 */
public final class WorkerApplication {

    private WorkerApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        WorkerProcess.run(WorkerApplication.class, "worker", args);
    }
}
