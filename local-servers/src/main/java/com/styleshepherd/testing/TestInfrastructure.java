package com.styleshepherd.testing;

import com.styleshepherd.devstack.EmbeddedPostgresServer;
import com.styleshepherd.devstack.EmbeddedRedisServer;
import com.styleshepherd.devstack.FreePort;
import com.styleshepherd.devstack.S3ProxyServer;
import com.styleshepherd.temporal.SearchAttributeRegistration;
import com.styleshepherd.temporal.TemporalSettings;
import com.styleshepherd.workflows.checkout.CheckoutSearchAttributes;
import io.temporal.testserver.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Real servers shared by every test in one JVM: PostgreSQL and Redis from Maven binaries, the
 * Temporal Java test server, and S3Proxy (object storage for product images, files in a temporary folder). They start on free ports, never on a developer's leftover server. To run
 * the tests against external ones instead, set {@code TEST_POSTGRES_URL} (with
 * {@code TEST_POSTGRES_USER} / {@code TEST_POSTGRES_PASSWORD}) and {@code TEST_REDIS_URI}; the tests
 * create and change data there.
 */
public final class TestInfrastructure {

    /** The bucket the shared S3Proxy serves product images from. */
    public static final String TEST_BUCKET = "style-shepherd-test-images";

    private static Map<String, String> properties;
    private static String adminUrl;
    private static String user;
    private static String password;

    private TestInfrastructure() {
    }

    /** Configuration that points a Micronaut context at the shared servers. */
    public static synchronized Map<String, String> properties() {
        if (properties == null) {
            properties = start();
        }
        return properties;
    }

    /** Creates an empty database on the shared PostgreSQL server and returns its JDBC URL. */
    public static String createDatabase(String prefix) {
        properties();
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    public static String postgresUser() {
        properties();
        return user;
    }

    public static String postgresPassword() {
        properties();
        return password;
    }

    private static Map<String, String> start() {
        Map<String, String> env = System.getenv();
        Map<String, String> config = new HashMap<>();
        String externalPostgres = env.get("TEST_POSTGRES_URL");
        if (externalPostgres != null && !externalPostgres.isBlank()) {
            adminUrl = externalPostgres;
            user = env.getOrDefault("TEST_POSTGRES_USER", "postgres");
            password = env.getOrDefault("TEST_POSTGRES_PASSWORD", "");
        } else {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            adminUrl = postgres.jdbcUrl("postgres");
            user = EmbeddedPostgresServer.USER;
            password = EmbeddedPostgresServer.PASSWORD;
        }
        config.put("datasources.default.url", adminUrl);
        config.put("datasources.default.username", user);
        config.put("datasources.default.password", password);

        String externalRedis = env.get("TEST_REDIS_URI");
        if (externalRedis != null && !externalRedis.isBlank()) {
            config.put("redis.uri", externalRedis);
        } else {
            EmbeddedRedisServer redis = EmbeddedRedisServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
            config.put("redis.uri", redis.uri());
        }

        S3ProxyServer objects = S3ProxyServer.start(TEST_BUCKET);
        Runtime.getRuntime().addShutdownHook(new Thread(objects::close));
        config.putAll(objects.properties());

        int temporalPort = FreePort.find();
        var temporal = TestServer.createPortBoundServer(temporalPort, true);
        Runtime.getRuntime().addShutdownHook(new Thread(temporal::close));
        SearchAttributeRegistration.register("localhost:" + temporalPort, "default", CheckoutSearchAttributes.ALL);
        config.put("temporal.address", "localhost:" + temporalPort);
        config.put("temporal.sticky-execution", "false");
        config.put("temporal.task-pollers", String.valueOf(TemporalSettings.TEST_SERVER_TASK_POLLERS));
        // Test classes share one database and engine: a job started by one class's startup would still
        // be running in the next. Tests start embedding jobs themselves.
        config.put("styleshepherd.embedding.embed-on-start", "false");
        return Map.copyOf(config);
    }
}
