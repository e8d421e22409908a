package com.styleshepherd.temporal;

import io.micronaut.context.ApplicationContext;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a worker process: a Micronaut context (no HTTP server) in the given environment, until SIGTERM.
 * Closing the context on shutdown stops polling and lets running activities finish.
 */
public final class WorkerProcess {

    private WorkerProcess() {
    }

    public static void run(Class<?> mainClass, String environment, String[] args) throws InterruptedException {
        // A plain context, not Micronaut.run: no HTTP server starts even when one is on the classpath.
        ApplicationContext context = ApplicationContext.builder(mainClass)
                .args(args)
                .environments(environment)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, environment + "-shutdown"));
        stopped.await();
    }
}
