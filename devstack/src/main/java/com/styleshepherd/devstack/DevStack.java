package com.styleshepherd.devstack;

import com.styleshepherd.api.security.DevTokens;
import com.styleshepherd.temporal.SearchAttributeRegistration;
import com.styleshepherd.temporal.TemporalSettings;
import com.styleshepherd.workflows.checkout.CheckoutSearchAttributes;
import io.temporal.testserver.TestServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the {@code dev} environment starts before the application context: each of Temporal,
 * PostgreSQL and Redis is embedded unless the environment points at an external one
 * ({@code TEMPORAL_ADDRESS}, {@code DATASOURCES_DEFAULT_URL}, {@code REDIS_URI}).
 *
 * <ul>
 *   <li>Temporal: the real server of the Temporal CLI ({@code temporal server start-dev}) when
 *       {@code STYLESHEPHERD_TEMPORAL_CLI} names its binary (the {@code ./dev} script installs it), with
 *       its SQLite file in the dev data directory and the Temporal UI on {@code DEV_TEMPORAL_UI_PORT}
 *       (default 8233, another free port when that one is taken); otherwise the Java test server
 *       (in-memory). Either listens on {@code DEV_TEMPORAL_PORT} (default 7233, {@code 0} for any free
 *       port);</li>
 *   <li>PostgreSQL: zonky's real server binaries;</li>
 *   <li>Redis 6.2 from {@code embedded-redis}, always empty at start: it holds sessions and caches only,
 *       which the application rebuilds;</li>
 *   <li>object storage for product pictures: S3Proxy with its objects as files under the dev data directory
 *       ({@code object-storage/}), on {@code DEV_OBJECT_STORAGE_PORT} (default any free port), unless
 *       {@code STYLESHEPHERD_OBJECT_STORAGE_ENDPOINT} names an S3-compatible service.</li>
 *   <li>Kafka (KRaft, one node, in this JVM) for the domain events, unless {@code STYLESHEPHERD_KAFKA_BOOTSTRAP_SERVERS}
 *       names external brokers or {@code STYLESHEPHERD_KAFKA_ENABLED=false} leaves the events in the outbox; its log
 *       is kept beside PostgreSQL's when that is kept. It starts in the background: nothing waits for it.</li>
 * </ul>
 * The dev data directory is {@code STYLESHEPHERD_DEV_DATA} (default {@code .dev-data} in the working
 * directory). With a durable engine (the dev server, or an external Temporal) PostgreSQL keeps its data
 * there too, so a restart finds every order, checkout, conversation, profile and workflow history again.
 * With the in-memory test server PostgreSQL starts empty as well, so that the database never mirrors
 * workflows the engine has forgotten.
 */
public final class DevStack implements AutoCloseable {

    public static final String ENVIRONMENT = "dev";
    /** Which of temporal, postgres, redis, object-storage, kafka this process embeds (for the startup line). */
    public static final String EMBEDDED_PROPERTY = "styleshepherd.dev-stack.embedded";
    /** Which embedded Temporal runs, and where its UI is (for the startup line). */
    public static final String TEMPORAL_PROPERTY = "styleshepherd.dev-stack.temporal";
    /** Where the embedded servers keep their data from start to start, when they do (for the startup line). */
    public static final String DATA_PROPERTY = "styleshepherd.dev-stack.data-directory";
    public static final String DATA_VARIABLE = "STYLESHEPHERD_DEV_DATA";
    /** An external S3-compatible service for product pictures; unset, the stack embeds S3Proxy. */
    static final String OBJECT_STORAGE_VARIABLE = "STYLESHEPHERD_OBJECT_STORAGE_ENDPOINT";
    static final String DEFAULT_BUCKET = "style-shepherd-images";
    static final int DEFAULT_TEMPORAL_PORT = 7233;
    static final int DEFAULT_TEMPORAL_UI_PORT = 8233;
    private static final Duration TEMPORAL_STARTUP_WAIT = Duration.ofSeconds(60);
    static final String KAFKA_VARIABLE = "STYLESHEPHERD_KAFKA_BOOTSTRAP_SERVERS";
    static final String KAFKA_ENABLED_VARIABLE = "STYLESHEPHERD_KAFKA_ENABLED";

    private final Map<String, Object> properties;
    private final List<String> started;
    private final List<AutoCloseable> servers;

    private DevStack(Map<String, Object> properties, List<String> started, List<AutoCloseable> servers) {
        this.properties = Map.copyOf(properties);
        this.started = List.copyOf(started);
        this.servers = List.copyOf(servers);
    }

    /**
     * Starts what the environment does not configure externally.
     *
     * @throws IllegalStateException when a server cannot start (a port in use, no binary where
     *     configured); the servers already started are stopped again
     */
    public static DevStack start(Map<String, String> env) {
        Map<String, Object> properties = new HashMap<>();
        List<String> started = new ArrayList<>();
        List<AutoCloseable> servers = new ArrayList<>();
        try {
            startServers(env, properties, started, servers);
        } catch (RuntimeException e) {
            stopAll(servers);
            throw e;
        }
        // Dev tokens are signed with JWT_SECRET, or with a key that lives as long as the process.
        String secret = env.get("JWT_SECRET");
        if (isBlank(secret)) {
            byte[] key = new byte[48];
            new SecureRandom().nextBytes(key);
            secret = Base64.getEncoder().encodeToString(key);
        }
        properties.put(DevTokens.SECRET_PROPERTY, secret);
        // The payment simulator signs its webhooks with STRIPE_WEBHOOK_SECRET, or a per-process secret.
        if (isBlank(env.get("STRIPE_WEBHOOK_SECRET"))) {
            byte[] key = new byte[24];
            new SecureRandom().nextBytes(key);
            properties.put("stripe.webhook-secret", "whsec_dev_" + HexFormat.of().formatHex(key));
        }
        // Carrier webhooks (POST /api/webhooks/carrier) verify with CARRIER_WEBHOOK_SECRET, or a per-process secret.
        if (isBlank(env.get("CARRIER_WEBHOOK_SECRET"))) {
            byte[] key = new byte[24];
            new SecureRandom().nextBytes(key);
            properties.put("carrier.webhook-secret", "carrier_dev_" + HexFormat.of().formatHex(key));
        }
        properties.put(EMBEDDED_PROPERTY, started);
        return new DevStack(properties, started, servers);
    }

    private static void startServers(Map<String, String> env, Map<String, Object> properties, List<String> started,
            List<AutoCloseable> servers) {
        Path data = dataDirectory(env);
        boolean kafka = startKafka(env, data, properties, servers);
        // S3Proxy spends about a second setting up jclouds: it starts beside the other servers, not after them.
        CompletableFuture<Optional<S3ProxyServer>> objectStorage = isBlank(env.get(OBJECT_STORAGE_VARIABLE))
                ? CompletableFuture.supplyAsync(() -> Optional.of(startObjectStorage(env, data)))
                : CompletableFuture.completedFuture(Optional.empty());
        try {
            startDatabasesAndEngine(env, data, properties, started, servers);
        } catch (RuntimeException e) {
            objectStorage.thenAccept(server -> server.ifPresent(S3ProxyServer::close));
            throw e;
        }
        Optional<S3ProxyServer> objects;
        try {
            objects = objectStorage.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        objects.ifPresent(server -> {
            servers.add(server);
            properties.putAll(server.properties());
            started.add("object-storage");
        });
        if (kafka) {
            started.add("kafka");
        }
    }

    /**
     * Kafka for the domain events: on, with the embedded broker unless external brokers are named; off only where
     * {@code STYLESHEPHERD_KAFKA_ENABLED=false}. The broker starts on another thread and nothing waits for it: its
     * port is known at once, and the outbox relay and the consumer connect when it is up (the events wait till then).
     *
     * @return whether the broker is embedded
     */
    private static boolean startKafka(Map<String, String> env, Path data, Map<String, Object> properties,
            List<AutoCloseable> servers) {
        if ("false".equalsIgnoreCase(String.valueOf(env.get(KAFKA_ENABLED_VARIABLE)).trim())) {
            return false;
        }
        properties.put("styleshepherd.kafka.enabled", true);
        if (!isBlank(env.get(KAFKA_VARIABLE))) {
            return false;
        }
        // Kept from start to start where PostgreSQL is: the outbox and the topic must agree.
        boolean durable = !isBlank(env.get("TEMPORAL_ADDRESS")) || !isBlank(env.get(TemporalCliServer.CLI_VARIABLE));
        boolean keep = durable && isBlank(env.get("DATASOURCES_DEFAULT_URL"));
        int port = FreePort.find();
        CompletableFuture<EmbeddedKafkaServer> broker = CompletableFuture.supplyAsync(() -> keep
                ? EmbeddedKafkaServer.start(data.resolve("kafka"), port)
                : EmbeddedKafkaServer.startTemporary(port));
        broker.exceptionally(failed -> {
            System.err.println("The embedded Kafka broker did not start (" + failed.getCause()
                    + "): domain events wait in the outbox");
            return null;
        });
        servers.add(() -> {
            EmbeddedKafkaServer started = broker.exceptionally(failed -> null).join();
            if (started != null) {
                started.close();
            }
        });
        properties.put("styleshepherd.kafka.bootstrap-servers", "127.0.0.1:" + port);
        return true;
    }

    private static S3ProxyServer startObjectStorage(Map<String, String> env, Path data) {
        String bucket = isBlank(env.get("STYLESHEPHERD_OBJECT_STORAGE_BUCKET")) ? DEFAULT_BUCKET
                : env.get("STYLESHEPHERD_OBJECT_STORAGE_BUCKET").trim();
        int port = port("DEV_OBJECT_STORAGE_PORT", env.get("DEV_OBJECT_STORAGE_PORT"), 0);
        return S3ProxyServer.start(data.resolve("object-storage"), port, bucket);
    }

    private static void startDatabasesAndEngine(Map<String, String> env, Path data, Map<String, Object> properties,
            List<String> started, List<AutoCloseable> servers) {
        boolean durableEngine = true;
        if (isBlank(env.get("TEMPORAL_ADDRESS"))) {
            int port = temporalPort(env.get("DEV_TEMPORAL_PORT"));
            String cli = env.get(TemporalCliServer.CLI_VARIABLE);
            if (isBlank(cli)) {
                servers.add(startTestServer(port));
                properties.put("temporal.address", "localhost:" + port);
                // The test server never times out sticky queues; see NonStickyWorkflowTasks.
                properties.put("temporal.sticky-execution", false);
                // Its task backlog is not first-in first-out: enough pollers keep a backlog from forming.
                properties.put("temporal.task-pollers", TemporalSettings.TEST_SERVER_TASK_POLLERS);
                properties.put(TEMPORAL_PROPERTY,
                        "embedded test server: no Temporal CLI, see scripts/install-temporal-cli.sh");
                durableEngine = false;
            } else {
                int uiPort = temporalUiPort(env.get("DEV_TEMPORAL_UI_PORT"));
                TemporalCliServer temporal = TemporalCliServer.start(Path.of(cli), data.resolve("temporal"), port,
                        uiPort, CheckoutSearchAttributes.ALL, TEMPORAL_STARTUP_WAIT);
                servers.add(temporal);
                properties.put("temporal.address", temporal.target());
                properties.put(TEMPORAL_PROPERTY, "dev server, UI " + temporal.uiUrl());
                properties.put(DATA_PROPERTY, data.toString());
            }
            started.add("temporal");
        }
        if (isBlank(env.get("DATASOURCES_DEFAULT_URL"))) {
            EmbeddedPostgresServer postgres = durableEngine
                    ? EmbeddedPostgresServer.start(data.resolve("postgres"))
                    : EmbeddedPostgresServer.start();
            servers.add(postgres);
            properties.put("datasources.default.url", postgres.jdbcUrl("postgres"));
            properties.put("datasources.default.username", EmbeddedPostgresServer.USER);
            properties.put("datasources.default.password", EmbeddedPostgresServer.PASSWORD);
            if (durableEngine) {
                properties.put(DATA_PROPERTY, data.toString());
            }
            started.add("postgres");
        }
        if (isBlank(env.get("REDIS_URI"))) {
            EmbeddedRedisServer redis = EmbeddedRedisServer.start(data.resolve("redis.pid"));
            servers.add(redis);
            properties.put("redis.uri", redis.uri());
            started.add("redis");
        }
    }

    private static TestServer.PortBoundTestServer startTestServer(int port) {
        TestServer.PortBoundTestServer server;
        try {
            server = TestServer.createPortBoundServer(port, true);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot start the embedded Temporal engine on port " + port
                    + " (in use?): set DEV_TEMPORAL_PORT=0 for any free port, or TEMPORAL_ADDRESS for an external"
                    + " Temporal", e);
        }
        try {
            // So ops can filter checkouts by status and shopper, as on a real cluster.
            SearchAttributeRegistration.register("localhost:" + port, "default", CheckoutSearchAttributes.ALL);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    static Path dataDirectory(Map<String, String> env) {
        String configured = env.get(DATA_VARIABLE);
        return Path.of(isBlank(configured) ? ".dev-data" : configured.trim()).toAbsolutePath().normalize();
    }

    static int temporalPort(String configured) {
        return port("DEV_TEMPORAL_PORT", configured, DEFAULT_TEMPORAL_PORT);
    }

    /** The UI's port: 8233 unless that one is taken or another is configured; {@code 0} for any free one. */
    static int temporalUiPort(String configured) {
        if (isBlank(configured) && !FreePort.isFree(DEFAULT_TEMPORAL_UI_PORT)) {
            return FreePort.find();
        }
        return port("DEV_TEMPORAL_UI_PORT", configured, DEFAULT_TEMPORAL_UI_PORT);
    }

    private static int port(String variable, String configured, int defaultPort) {
        if (isBlank(configured)) {
            return defaultPort;
        }
        int port;
        try {
            port = Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, got " + configured);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(variable + " must be 0-65535, got " + port);
        }
        return port == 0 && defaultPort != 0 ? FreePort.find() : port;
    }

    /** Properties that point the application at the embedded servers. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** Which servers this stack embeds: some of temporal, postgres, redis, kafka. */
    public List<String> started() {
        return started;
    }

    /** Stops every server this stack started, the last started first. */
    @Override
    public void close() {
        stopAll(servers);
    }

    private static void stopAll(List<AutoCloseable> servers) {
        for (AutoCloseable server : servers.reversed()) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + server + ": " + e);
            }
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
