package com.styleshepherd.bench;

import com.styleshepherd.api.security.OidcIssuer;
import com.styleshepherd.bench.JarProcess.Jar;
import com.styleshepherd.testing.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The production jars as their images run them: the size of each, and its start-up time to healthy. Each
 * jar is started {@code bench.rounds} times (default 3) as its own process ({@code java -jar}, environment
 * {@code prod} for the api), against real PostgreSQL, Redis and a Temporal server in this JVM, and timed from
 * process start to the first 200 of the health check its Dockerfile uses. The dev launcher's jar is measured
 * the same way, for comparison.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -pl devstack -am -DskipTests verify -Dbench.main=com.styleshepherd.bench.ProductionJarsBenchmark}.
 * Writes {@code docs/benchmarks/production-jars.md}.
 */
public final class ProductionJarsBenchmark {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    record Measured(Jar jar, long bytes, List<Duration> startups) {

        Duration median() {
            List<Duration> sorted = startups.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    private ProductionJarsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", "."));
        int rounds = Integer.getInteger("bench.jar-rounds", 3);
        Path report = Path.of(System.getProperty("bench.docs", "docs/benchmarks")).resolve("production-jars.md");
        Map<String, String> servers = TestInfrastructure.properties();
        int exit = 0;
        try (OidcIssuer issuer = new OidcIssuer()) {
            List<Measured> results = new ArrayList<>();
            for (Jar jar : jars(root, servers, issuer.issuer())) {
                List<Duration> startups = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    startups.add(timeToHealthy(jar));
                    System.out.printf(Locale.ROOT, "%s: healthy after %.1f s%n", jar.process(), startups.getLast().toMillis() / 1000.0);
                }
                results.add(new Measured(jar, Files.size(jar.path()), startups));
            }
            String text = report(results, rounds);
            System.out.println(text);
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, text);
        } catch (RuntimeException | LinkageError e) {
            e.printStackTrace();
            exit = 1;
        }
        // The servers of TestInfrastructure keep non-daemon threads: end the JVM either way.
        System.exit(exit);
    }

    static List<Jar> jars(Path root, Map<String, String> servers, String issuer) {
        // The workers need a payment provider to start (nothing is charged: no checkout runs).
        Map<String, String> worker = JarProcess.workerSettings(servers);
        Map<String, String> api = JarProcess.apiSettings(servers, issuer, OidcIssuer.AUDIENCE);
        // The dev launcher starts its own servers, as ./dev does (the Java test server: no CLI is passed on).
        Map<String, String> devEnv = Map.of("DEV_TEMPORAL_PORT", "0", "DEV_TEMPORAL_UI_PORT", "0",
                "STYLESHEPHERD_DEV_DATA", DevStackRun.temporaryDirectory().toString());
        return List.of(
                new Jar("api", root.resolve("api/target/style-shepherd-api.jar"), api, Map.of(), "/health", true),
                // The api as its image runs it: with the class-data archive that the image build writes (a start
                // that fails at once, with nothing to connect to, loads most classes; see api.Dockerfile).
                new Jar("api, with the image's class-data archive", root.resolve("api/target/style-shepherd-api.jar"),
                        api, Map.of(), "/health", true, List.of("-XX:SharedArchiveFile="
                                + classDataArchive(root.resolve("api/target/style-shepherd-api.jar")))),
                new Jar("regular worker", root.resolve("activities/target/style-shepherd-worker.jar"), worker, Map.of(),
                        "/health/readiness", false),
                new Jar("gpu worker", root.resolve("worker-gpu/target/style-shepherd-gpu-worker.jar"), worker, Map.of(),
                        "/health/readiness", false),
                new Jar("dev launcher, with its servers (not deployed)", root.resolve("devstack/target/style-shepherd-dev.jar"),
                        Map.of(), devEnv, "/health", false));
    }

    /**
     * Writes the class-data archive of the api jar as {@code deploy/docker/api.Dockerfile} does: a start in
     * {@code prod} against addresses where nothing listens, which fails at its first connection and leaves
     * the classes it loaded until then in the archive.
     */
    static Path classDataArchive(Path jar) {
        Path archive = DevStackRun.temporaryDirectory().resolve("api.jsa");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:ArchiveClassesAtExit=" + archive,
                "-Dmicronaut.environments=prod", "-Dstyleshepherd.security.oidc.issuer=http://127.0.0.1:9/cds",
                "-Dstyleshepherd.security.oidc.audience=cds", "-Dstripe.webhook-secret=cds",
                "-Ddatasources.default.url=jdbc:postgresql://127.0.0.1:9/cds", "-Ddatasources.default.username=cds",
                "-Ddatasources.default.password=cds", "-Dstyleshepherd.object-storage.endpoint=http://127.0.0.1:9",
                "-Dstyleshepherd.object-storage.access-key=cds", "-Dstyleshepherd.object-storage.secret-key=cds",
                "-jar", jar.toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no class-data archive was written to " + archive);
        }
        return archive;
    }

    /** Starts the jar as its own process and waits for its health check to answer 200. */
    static Duration timeToHealthy(Jar jar) throws InterruptedException {
        try (JarProcess process = JarProcess.start(jar)) {
            return process.awaitHealthy(START_LIMIT);
        }
    }

    static String report(List<Measured> results, int rounds) {
        StringBuilder out = new StringBuilder("# Production jars: size and start-up time\n\n");
        out.append("Written by `./mvnw -q -Pbench -pl devstack -am -DskipTests verify "
                + "-Dbench.main=com.styleshepherd.bench.ProductionJarsBenchmark`; see [../benchmarks.md](../benchmarks.md).\n\n");
        out.append(String.format(Locale.ROOT, "- when: %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        out.append(String.format(Locale.ROOT, "- machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version")));
        out.append(String.format(Locale.ROOT, "- each jar started %d times with `java -jar`, against PostgreSQL, Redis and the "
                + "Temporal test server in the benchmark's JVM; time from process start to the first 200 of its "
                + "Dockerfile's health check (api: `/health` on the management port, environment `prod`; workers: "
                + "`/health/readiness`)%n%n", rounds));
        out.append("| process | jar | size (MB) | start-up to healthy, median (s) | all runs (s) |\n|---|---|---:|---:|---|\n");
        for (Measured m : results) {
            out.append(String.format(Locale.ROOT, "| %s | `%s` | %.0f | %.1f | %s |%n", m.jar().process(),
                    m.jar().path().getFileName(), m.bytes() / 1e6, m.median().toMillis() / 1000.0,
                    String.join(", ", m.startups().stream()
                            .map(d -> String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0)).toList())));
        }
        return out.toString();
    }
}
