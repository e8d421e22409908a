package com.styleshepherd.gpu;

import com.styleshepherd.temporal.WorkerProcess;

/**
 * The gpu-worker process: model inference on task queue {@code gpu}, no HTTP, no database. Configured
 * by {@code application-gpu-worker.yml} and {@code TEMPORAL_ADDRESS} / {@code TEMPORAL_NAMESPACE}.
 */
public final class GpuWorkerApplication {

    private GpuWorkerApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        WorkerProcess.run(GpuWorkerApplication.class, "gpu-worker", args);
    }
}
