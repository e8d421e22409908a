package com.styleshepherd.api;

import com.styleshepherd.api.dev.DevStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.time.Duration;

/**
 * The api process. With {@code MICRONAUT_ENVIRONMENTS=dev} it first starts whatever the dev stack
 * needs and is not configured externally (Temporal test server, PostgreSQL, Redis), then runs both
 * workers in-process (see {@code application-dev.yml}).
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut micronaut = Micronaut.build(args).mainClass(Application.class);
        if (!DevStack.requested()) {
            micronaut.start();
            return;
        }
        DevStack devStack = DevStack.start(System.getenv());
        ApplicationContext context = micronaut.properties(devStack.properties()).start();
        // Micronaut's own shutdown hook stops the server and the context (closing it here as well
        // deadlocks the two hooks). Wait for it, so the workers stop before the servers they use.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitStopped(context, SHUTDOWN_WAIT);
            devStack.close();
        }, "dev-stack-shutdown"));
    }

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private static void awaitStopped(ApplicationContext context, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (context.isRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
