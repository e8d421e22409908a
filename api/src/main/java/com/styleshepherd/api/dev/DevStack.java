package com.styleshepherd.api.dev;

import com.styleshepherd.api.security.DevTokens;
import com.styleshepherd.devstack.EmbeddedPostgresServer;
import com.styleshepherd.devstack.EmbeddedRedisServer;
import com.styleshepherd.devstack.FreePort;
import com.styleshepherd.temporal.SearchAttributeRegistration;
import com.styleshepherd.temporal.TemporalSettings;
import com.styleshepherd.workflows.checkout.CheckoutSearchAttributes;
import io.temporal.testserver.TestServer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the {@code dev} environment starts before the application context: each of Temporal,
 * PostgreSQL and Redis is embedded unless the environment points at an external one
 * ({@code TEMPORAL_ADDRESS}, {@code DATASOURCES_DEFAULT_URL}, {@code REDIS_URI}).
 *
 * <ul>
 *   <li>Temporal: the Java test server (in-memory, real time) on {@code DEV_TEMPORAL_PORT}
 *       (default 7233, {@code 0} for any free port);</li>
 *   <li>PostgreSQL: zonky's real server binaries, fresh data directory on each start;</li>
 *   <li>Redis 6.2 from {@code embedded-redis}.</li>
 * </ul>
 * Everything embedded is in-memory or throw-away: a restart begins from an empty engine and a freshly
 * seeded database, which keeps the two consistent.
 */
public final class DevStack implements AutoCloseable {

    public static final String ENVIRONMENT = "dev";
    /** Which of temporal, postgres, redis this process embeds (for the startup line). */
    public static final String EMBEDDED_PROPERTY = "styleshepherd.dev-stack.embedded";
    static final int DEFAULT_TEMPORAL_PORT = 7233;

    private final Map<String, Object> properties;
    private final List<String> started;
    private final List<AutoCloseable> servers;

    private DevStack(Map<String, Object> properties, List<String> started, List<AutoCloseable> servers) {
        this.properties = Map.copyOf(properties);
        this.started = List.copyOf(started);
        this.servers = List.copyOf(servers);
    }

    /** Whether {@code dev} is among the environments this process was asked to run in. */
    public static boolean requested() {
        String environments = System.getProperty("micronaut.environments",
                System.getenv().getOrDefault("MICRONAUT_ENVIRONMENTS", ""));
        return Arrays.stream(environments.split(","))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .anyMatch(ENVIRONMENT::equals);
    }

    public static DevStack start(Map<String, String> env) {
        Map<String, Object> properties = new HashMap<>();
        List<String> started = new ArrayList<>();
        List<AutoCloseable> servers = new ArrayList<>();

        if (isBlank(env.get("TEMPORAL_ADDRESS"))) {
            int port = temporalPort(env.get("DEV_TEMPORAL_PORT"));
            try {
                servers.add(TestServer.createPortBoundServer(port, true));
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot start the embedded Temporal engine on port " + port
                        + " (in use?): set DEV_TEMPORAL_PORT=0 for any free port, or TEMPORAL_ADDRESS for an external"
                        + " Temporal", e);
            }
            // So ops can filter checkouts by status and shopper, as on a real cluster.
            SearchAttributeRegistration.register("localhost:" + port, "default", CheckoutSearchAttributes.ALL);
            properties.put("temporal.address", "localhost:" + port);
            // The test server never times out sticky queues; see NonStickyWorkflowTasks.
            properties.put("temporal.sticky-execution", false);
            // Its task backlog is not first-in first-out: enough pollers keep a backlog from forming.
            properties.put("temporal.task-pollers", TemporalSettings.TEST_SERVER_TASK_POLLERS);
            started.add("temporal");
        }
        if (isBlank(env.get("DATASOURCES_DEFAULT_URL"))) {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
            servers.add(postgres);
            properties.put("datasources.default.url", postgres.jdbcUrl("postgres"));
            properties.put("datasources.default.username", EmbeddedPostgresServer.USER);
            properties.put("datasources.default.password", EmbeddedPostgresServer.PASSWORD);
            started.add("postgres");
        }
        if (isBlank(env.get("REDIS_URI"))) {
            EmbeddedRedisServer redis = EmbeddedRedisServer.start();
            servers.add(redis);
            properties.put("redis.uri", redis.uri());
            started.add("redis");
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
        properties.put(EMBEDDED_PROPERTY, started);
        return new DevStack(properties, started, servers);
    }

    static int temporalPort(String configured) {
        if (isBlank(configured)) {
            return DEFAULT_TEMPORAL_PORT;
        }
        int port;
        try {
            port = Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DEV_TEMPORAL_PORT must be a port number, got " + configured);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("DEV_TEMPORAL_PORT must be 0-65535, got " + port);
        }
        return port == 0 ? FreePort.find() : port;
    }

    /** Properties that point the application at the embedded servers. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** Which servers this stack embeds: some of temporal, postgres, redis. */
    public List<String> started() {
        return started;
    }

    @Override
    public void close() {
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
