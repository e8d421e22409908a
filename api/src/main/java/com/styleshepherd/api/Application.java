package com.styleshepherd.api;

import com.styleshepherd.api.dev.DevStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The api process. With {@code MICRONAUT_ENVIRONMENTS=dev} it first starts whatever the dev stack
 * needs and is not configured externally (Temporal, PostgreSQL, Redis: see {@link DevStack}), then runs both
 * workers in-process (see {@code application-dev.yml}).
 */
@OpenAPIDefinition(
        info = @Info(title = "Style Shepherd", version = "0.1",
                description = "Voice-first AI fashion shopping assistant: catalog, checkout, orders, returns, the "
                        + "shopper's profile and memories. Errors are RFC 7807 application/problem+json naming the "
                        + "field; lists are paged with page and pageSize."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token from the identity provider (in dev: POST /api/dev/token)")
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut micronaut = Micronaut.build(args).mainClass(Application.class);
        if (!DevStack.requested()) {
            micronaut.start();
            return;
        }
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
        context.set(micronaut.properties(devStack.properties()).start());
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
