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
import java.nio.file.Path;
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

    private TemporalCliServer temporal;
    private final Path temporalData;
    private final EmbeddedServer server;
    private final Api api;

    private RealTemporalStack(TemporalCliServer temporal, Path temporalData, EmbeddedServer server) {
        this.temporal = temporal;
        this.temporalData = temporalData;
        this.server = server;
        this.api = Api.of(server);
    }

    private static TemporalCliServer startTemporal(Path data, int port, int uiPort) {
        return TemporalCliServer.start(TemporalCli.require(), data, port, uiPort, CheckoutSearchAttributes.ALL,
                Duration.ofSeconds(60));
    }

    /** {@code settings} add to or override the api's configuration. */
    static RealTemporalStack start(Map<String, Object> settings) {
        Path data;
        try {
            data = Files.createTempDirectory("real-temporal");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TemporalCliServer temporal = startTemporal(data, FreePort.find(), FreePort.find());
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.properties());
        properties.put("temporal.address", temporal.target());
        properties.putAll(REAL_SERVER_WORKERS);
        properties.put("styleshepherd.demo-catalog.enabled", false);
        properties.putAll(settings);
        try {
            return new RealTemporalStack(temporal, data,
                    ApplicationContext.run(EmbeddedServer.class, properties, "dev", "test"));
        } catch (RuntimeException e) {
            temporal.close();
            throw e;
        }
    }

    TemporalCliServer temporal() {
        return temporal;
    }

    /** Stops the Temporal server: an outage of the workflow engine. */
    void stopTemporal() {
        temporal.close();
    }

    /** Starts it again on the same port and data: what it held before is still there. */
    void restartTemporal() {
        int uiPort = FreePort.find();
        temporal = startTemporal(temporalData, temporal.port(), uiPort);
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
