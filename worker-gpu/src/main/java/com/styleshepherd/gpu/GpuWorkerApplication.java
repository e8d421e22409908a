package com.styleshepherd.gpu;

import com.styleshepherd.temporal.WorkerProcess;

/**
 * The gpu-worker process: model inference on task queue {@code gpu}, no HTTP. The catalog embedding
 * activity reads products and writes vectors in PostgreSQL; the process never migrates it. Configured
 * by {@code application-gpu-worker.yml} and {@code TEMPORAL_ADDRESS} / {@code TEMPORAL_NAMESPACE}.
 */
public final class GpuWorkerApplication {

    private GpuWorkerApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        WorkerProcess.run(GpuWorkerApplication.class, "gpu-worker", args);
    }
}
