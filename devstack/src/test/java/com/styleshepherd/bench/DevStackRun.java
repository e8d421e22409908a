package com.styleshepherd.bench;

import com.styleshepherd.devstack.DevStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The dev stack in this JVM, as {@code MICRONAUT_ENVIRONMENTS=dev} runs it (embedded Temporal,
 * PostgreSQL and Redis unless configured externally; both workers; the payment simulator), on a free
 * HTTP port. {@code -Dtemporal.*} and {@code -Dstyleshepherd.*} system properties override its settings.
 */
final class DevStackRun implements AutoCloseable {

    private final DevStack devStack;
    private final ApplicationContext context;
    private final Map<String, Object> properties;

    private DevStackRun(DevStack devStack, ApplicationContext context, Map<String, Object> properties) {
        this.devStack = devStack;
        this.context = context;
        this.properties = properties;
    }

    static DevStackRun start(Class<?> main, String[] args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent("DEV_TEMPORAL_PORT", "0");
        env.putIfAbsent("DEV_TEMPORAL_UI_PORT", "0");
        // Each run measures an empty engine and database, never what an earlier run or ./dev left behind.
        env.putIfAbsent(DevStack.DATA_VARIABLE, temporaryDirectory().toString());
        DevStack devStack = DevStack.start(env);
        Map<String, Object> properties = new HashMap<>(devStack.properties());
        properties.put("micronaut.server.port", -1);
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("temporal.") || name.startsWith("styleshepherd."))
                .forEach(name -> properties.put(name, System.getProperty(name)));
        ApplicationContext context = Micronaut.build(args).mainClass(main)
                .environments(DevStack.ENVIRONMENT).properties(properties).start();
        return new DevStackRun(devStack, context, Map.copyOf(properties));
    }

    /** A new directory under the system's temporary one (each run measures empty servers). */
    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bench-dev-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ApplicationContext context() {
        return context;
    }

    /** The configuration the stack started with (for the report). */
    Object setting(String name) {
        return properties.get(name);
    }

    URI baseUri() {
        return context.getBean(EmbeddedServer.class).getURI();
    }

    @Override
    public void close() {
        context.close();
        devStack.close();
    }
}
