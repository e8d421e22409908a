package com.styleshepherd.devstack;

import com.styleshepherd.api.Application;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole system in one process, for a developer's machine ({@code ./dev}): first whatever the
 * environment does not configure externally (Temporal, PostgreSQL, Redis: see {@link DevStack}), then the
 * api with both workers in-process, in the {@code dev} environment (see {@code application-dev.yml}).
 * Nothing in production runs this: each production process has its own jar.
 */
public final class DevApplication {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private DevApplication() {
    }

    public static void main(String[] args) {
        DevStack devStack;
        try {
            devStack = DevStack.start(System.getenv());
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            // A port in use or a missing binary: the message says what to do, a stack trace would bury it.
            System.err.println("Cannot start the dev stack: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Registered before the context starts, so that the servers stop even when it fails to start.
        // Micronaut's own shutdown hook stops the server and the context (closing it here as well
        // deadlocks the two hooks). Wait for it, so the workers stop before the servers they use.
        AtomicReference<ApplicationContext> context = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (context.get() != null) {
                awaitStopped(context.get(), SHUTDOWN_WAIT);
            }
            devStack.close();
        }, "dev-stack-shutdown"));
        context.set(Micronaut.build(args).mainClass(Application.class).environments(DevStack.ENVIRONMENT)
                .properties(devStack.properties()).start());
    }

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
