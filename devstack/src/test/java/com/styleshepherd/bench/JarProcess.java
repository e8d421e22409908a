package com.styleshepherd.bench;

import com.styleshepherd.devstack.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A production jar running as its own process, as its image runs it ({@code java -jar}, the configuration
 * as {@code -D} properties, none of the launching shell's Style Shepherd variables), on free ports. Started
 * by the benchmarks that measure the jars ({@link ProductionJarsBenchmark}) and by the {@link FaultSuite}.
 */
final class JarProcess implements AutoCloseable {

    /** Variables of a developer's shell that would point a jar elsewhere than its {@code -D} properties. */
    private static final List<String> CLEARED_VARIABLES = List.of("MICRONAUT_ENVIRONMENTS", "TEMPORAL_ADDRESS",
            "DATASOURCES_DEFAULT_URL", "REDIS_URI", "STYLESHEPHERD_TEMPORAL_CLI");

    /**
     * A jar and how to start it.
     *
     * @param process what the reports call it
     * @param properties its configuration, as {@code -D} properties
     * @param env environment variables to add
     * @param health the path of its Dockerfile's health check
     * @param managementPort whether the health check is on a separate management port (the api in prod)
     * @param jvmOptions options before {@code -jar}
     */
    record Jar(String process, Path path, Map<String, String> properties, Map<String, String> env, String health,
            boolean managementPort, List<String> jvmOptions) {

        Jar(String process, Path path, Map<String, String> properties, Map<String, String> env, String health,
                boolean managementPort) {
            this(process, path, properties, env, health, managementPort, List.of());
        }
    }

    private final Jar jar;
    private final Process process;
    private final int port;
    private final URI health;
    private final Path log;
    private final long started;

    private JarProcess(Jar jar, Process process, int port, URI health, Path log, long started) {
        this.jar = jar;
        this.process = process;
        this.port = port;
        this.health = health;
        this.log = log;
        this.started = started;
    }

    /** The settings that point a jar at the servers: database, Valkey, Temporal and object storage, from {@code servers}. */
    static Map<String, String> serverSettings(Map<String, String> servers) {
        Map<String, String> settings = new HashMap<>();
        servers.forEach((key, value) -> {
            if (key.startsWith("datasources.") || key.startsWith("redis.") || key.equals("temporal.address")
                    || key.startsWith("styleshepherd.object-storage.")) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /** The api's settings in {@code prod}: the servers, and tokens from {@code issuer} for {@code audience}. */
    static Map<String, String> apiSettings(Map<String, String> servers, String issuer, String audience) {
        Map<String, String> api = serverSettings(servers);
        api.put("micronaut.environments", "prod");
        api.put("styleshepherd.security.oidc.issuer", issuer);
        api.put("styleshepherd.security.oidc.audience", audience);
        api.put("stripe.webhook-secret", "whsec_benchmark");
        return api;
    }

    /** A worker's settings: the servers, and a Stripe key (a worker does not start without a payment provider). */
    static Map<String, String> workerSettings(Map<String, String> servers) {
        Map<String, String> worker = serverSettings(servers);
        worker.put("stripe.secret-key", "sk_test_benchmark");
        return worker;
    }

    /** Starts the jar on a free port (and a free management port); its output goes to a temporary file. */
    static JarProcess start(Jar jar) {
        int port = FreePort.find();
        int management = FreePort.find();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED"));
        Map<String, String> properties = new HashMap<>(jar.properties());
        properties.put("micronaut.server.port", String.valueOf(port));
        if (jar.managementPort()) {
            properties.put("endpoints.all.port", String.valueOf(management));
        }
        command.addAll(jar.jvmOptions());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.path().toString());
        try {
            Path log = Files.createTempFile("bench-jar", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            CLEARED_VARIABLES.forEach(builder.environment()::remove);
            builder.environment().putAll(jar.env());
            URI health = URI.create("http://localhost:" + (jar.managementPort() ? management : port) + jar.health());
            long started = System.nanoTime();
            return new JarProcess(jar, builder.start(), port, health, log, started);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + jar.process(), e);
        }
    }

    /**
     * Waits until the health check answers 200; the time since the process started.
     *
     * @throws IllegalStateException when the process exits or is not healthy within {@code limit}
     */
    Duration awaitHealthy(Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        while (System.nanoTime() - started < limit.toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(jar.process() + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).build(),
                        BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(jar.process() + " was not healthy within " + limit + "; see " + log);
    }

    /** Where its HTTP server listens. */
    URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    /** Its output so far. */
    Path log() {
        return log;
    }

    /** Kills it outright (SIGKILL): no shutdown hook runs, nothing in flight is finished. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Stops it (SIGTERM) and waits until it has exited. */
    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
