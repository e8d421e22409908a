package com.styleshepherd.api.realtemporal;

import com.styleshepherd.api.Api;
import com.styleshepherd.devstack.FreePort;
import com.styleshepherd.devstack.TemporalCliServer;
import com.styleshepherd.testing.TemporalCli;
import com.styleshepherd.testing.TestInfrastructure;
import com.styleshepherd.workflows.checkout.CheckoutSearchAttributes;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The api (dev and test environments) on the real Temporal server of the Temporal CLI, started on free
 * ports with a fresh SQLite file; PostgreSQL and Redis are the tests' shared servers. The calling test is
 * skipped, saying why, where no CLI is installed.
 */
final class RealTemporalStack implements AutoCloseable {

    /** A real server times sticky queues out and serves its backlog in order: the SDK's defaults hold. */
    static final Map<String, String> REAL_SERVER_WORKERS = Map.of(
            "temporal.sticky-execution", "true",
            "temporal.task-pollers", "5");

    private final TemporalCliServer temporal;
    private final EmbeddedServer server;
    private final Api api;

    private RealTemporalStack(TemporalCliServer temporal, EmbeddedServer server) {
        this.temporal = temporal;
        this.server = server;
        this.api = Api.of(server);
    }

    /** {@code settings} add to or override the api's configuration. */
    static RealTemporalStack start(Map<String, Object> settings) {
        TemporalCliServer temporal;
        try {
            temporal = TemporalCliServer.start(TemporalCli.require(), Files.createTempDirectory("real-temporal"),
                    FreePort.find(), FreePort.find(), CheckoutSearchAttributes.ALL, Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.properties());
        properties.put("temporal.address", temporal.target());
        properties.putAll(REAL_SERVER_WORKERS);
        properties.put("styleshepherd.demo-catalog.enabled", false);
        properties.putAll(settings);
        try {
            return new RealTemporalStack(temporal, ApplicationContext.run(EmbeddedServer.class, properties, "dev", "test"));
        } catch (RuntimeException e) {
            temporal.close();
            throw e;
        }
    }

    TemporalCliServer temporal() {
        return temporal;
    }

    EmbeddedServer server() {
        return server;
    }

    Api api() {
        return api;
    }

    @Override
    public void close() {
        api.close();
        server.close();
        temporal.close();
    }
}
