package com.styleshepherd.bench;

import com.styleshepherd.api.security.OidcIssuer;
import com.styleshepherd.bench.JarProcess.Jar;
import com.styleshepherd.devstack.EmbeddedPostgresServer;
import com.styleshepherd.devstack.EmbeddedRedisServer;
import com.styleshepherd.devstack.S3ProxyServer;
import com.styleshepherd.devstack.FreePort;
import com.styleshepherd.devstack.TemporalCliServer;
import com.styleshepherd.workflows.checkout.CheckoutSearchAttributes;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The production topology on loopback, as the {@link FaultSuite} runs it: PostgreSQL on a kept data
 * directory, Redis (for Valkey), the real Temporal server (the Temporal CLI's dev server, SQLite file kept),
 * each on a fixed port so that a server stopped and started again is where its clients left it; the three
 * production jars as their own processes (the api in {@code prod} with tokens from a local OpenID Connect
 * provider; the regular worker paying through a local Stripe fake; the gpu worker scoring return risk); and
 * in this JVM the provider and the Stripe fake, which no fault touches.
 */
final class FaultTopology implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration TEMPORAL_START = Duration.ofSeconds(60);

    private final Path root;
    private final Path data;
    private final Path temporalCli;
    private final int postgresPort = FreePort.find();
    private final int redisPort = FreePort.find();
    private final int temporalPort = FreePort.find();
    private final OidcIssuer issuer = new OidcIssuer();
    private final FakeStripe stripe = new FakeStripe();
    private EmbeddedPostgresServer postgres;
    private EmbeddedRedisServer redis;
    /** Product pictures (issue 26): the production api does not start without object storage. */
    private S3ProxyServer objectStorage;
    private TemporalCliServer temporal;
    private JarProcess api;
    private JarProcess worker;
    private JarProcess gpuWorker;
    private boolean closed;

    private FaultTopology(Path root, Path data, Path temporalCli) {
        this.root = root;
        this.data = data;
        this.temporalCli = temporalCli;
    }

    /** Starts every server and process, and returns once each answers its health check. */
    static FaultTopology start(Path root, Path data, Path temporalCli) {
        FaultTopology topology = new FaultTopology(root, data, temporalCli);
        try {
            topology.startPostgres();
            topology.startRedis();
            topology.startTemporal();
            topology.objectStorage = S3ProxyServer.start(data.resolve("object-storage"), 0, "fault-suite-images");
            // The api migrates the schema first; the workers then start side by side.
            topology.api = topology.startJar(topology.apiJar());
            CompletableFuture<JarProcess> gpu =
                    CompletableFuture.supplyAsync(() -> topology.startJar(topology.gpuJar()));
            topology.worker = topology.startJar(topology.workerJar());
            topology.gpuWorker = gpu.join();
            return topology;
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    void startPostgres() {
        postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), postgresPort);
    }

    /** Stops PostgreSQL as an operator (or a failover) would: connections are closed, the data stays. */
    void stopPostgres() {
        postgres.close();
    }

    void startRedis() {
        redis = EmbeddedRedisServer.start(redisPort);
    }

    /** Stops Redis: connections are closed; like a Valkey without persistence, it comes back empty. */
    void stopRedis() {
        redis.stop();
    }

    void startTemporal() {
        // The UI's port is any free one: on a busy machine another process may take it between finding and binding
        // it, and the server exits. The frontend's port is kept: the jars are configured with it.
        for (int attempt = 1; ; attempt++) {
            try {
                temporal = TemporalCliServer.start(temporalCli, data.resolve("temporal"), temporalPort, FreePort.find(),
                        CheckoutSearchAttributes.ALL, TEMPORAL_START);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("address already in use")) {
                    throw e;
                }
            }
        }
    }

    /** Stops the Temporal server; its SQLite file keeps every workflow. */
    void stopTemporal() {
        temporal.close();
    }

    /** Kills the regular worker outright (SIGKILL): what it was running is abandoned mid-step. */
    void killWorker() throws InterruptedException {
        worker.kill();
    }

    void startWorker() {
        worker = startJar(workerJar());
    }

    URI api() {
        return api.baseUri();
    }

    OidcIssuer issuer() {
        return issuer;
    }

    FakeStripe stripe() {
        return stripe;
    }

    /** A connection to the shop's database, for the suite's checks. */
    Connection database() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("postgres"), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
    }

    /** The processes' logs, for a report that has to say where to look. */
    Map<String, Path> logs() {
        return Map.of("api", api.log(), "worker", worker.log(), "gpu worker", gpuWorker.log());
    }

    private Map<String, String> servers() {
        Map<String, String> servers = new HashMap<>();
        servers.put("datasources.default.url", "jdbc:postgresql://localhost:" + postgresPort + "/postgres");
        servers.put("datasources.default.username", EmbeddedPostgresServer.USER);
        servers.put("datasources.default.password", EmbeddedPostgresServer.PASSWORD);
        servers.put("redis.uri", "redis://127.0.0.1:" + redisPort);
        servers.put("temporal.address", "localhost:" + temporalPort);
        servers.putAll(objectStorage.properties());
        return servers;
    }

    private Jar apiJar() {
        Map<String, String> settings = JarProcess.apiSettings(servers(), issuer.issuer(), OidcIssuer.AUDIENCE);
        // Every simulated shopper calls from 127.0.0.1; in production they come from many addresses. The
        // per-caller limit (600 a minute) stays as it is.
        settings.put("styleshepherd.rate-limit.per-ip", "1000000");
        return new Jar("api", root.resolve("api/target/style-shepherd-api.jar"), settings, Map.of(), "/health", true,
                List.of("-Xmx1536m"));
    }

    private Jar workerJar() {
        Map<String, String> settings = JarProcess.workerSettings(servers());
        settings.put("stripe.api-base", stripe.apiBase());
        return new Jar("regular worker", root.resolve("activities/target/style-shepherd-worker.jar"), settings,
                Map.of(), "/health/readiness", false, List.of("-Xmx1536m"));
    }

    private Jar gpuJar() {
        Map<String, String> settings = JarProcess.workerSettings(servers());
        // No conversation speaks during the suite: the recogniser's warm-up would only take CPU from the load.
        settings.put("styleshepherd.speech.local.warm-up", "false");
        return new Jar("gpu worker", root.resolve("worker-gpu/target/style-shepherd-gpu-worker.jar"), settings,
                Map.of(), "/health/readiness", false, List.of("-Xmx3g"));
    }

    private JarProcess startJar(Jar jar) {
        JarProcess process = JarProcess.start(jar);
        try {
            Duration took = process.awaitHealthy(START_LIMIT);
            System.out.printf("%s healthy after %.1f s (log %s)%n", jar.process(), took.toMillis() / 1000.0,
                    process.log());
            return process;
        } catch (InterruptedException e) {
            process.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting " + jar.process(), e);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable closeable : new AutoCloseable[] {api, worker, gpuWorker, objectStorage, temporal, redis,
                postgres, stripe, issuer}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("Could not stop " + closeable + ": " + e);
                }
            }
        }
    }
}
