package com.styleshepherd.api;

import com.styleshepherd.api.dev.DevStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

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
        // Stop the embedded servers only after the context (and the workers using them) has stopped.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            devStack.close();
        }, "dev-stack-shutdown"));
    }
}
