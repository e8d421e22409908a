package com.styleshepherd.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.TemporalCli;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C's SIGINT and a {@code kill} amount to) on the dev stack's process, started from
 * the jar as {@code ./dev} starts it: every server it started ends with it. Temporal's dev server and
 * Redis are its children; PostgreSQL is started through {@code pg_ctl}, which detaches it, so it is
 * found by its port. Where no Temporal CLI is installed the stack runs the in-process test server, and
 * PostgreSQL and Redis are checked.
 */
class DevStackShutdownIT {

    private static final Path JAR = Path.of("target/style-shepherd-dev.jar");
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    @Test
    void sigtermEndsEveryServerTheDevStackStarted() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "build the jar first: ./mvnw -DskipTests package");
        Optional<Path> cli = TemporalCli.find();
        int port = FreePort.find();
        Path log = Path.of("target/dev-stack-shutdown.log");
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Neither is needed to see the servers stop, and both would keep the two cores busy.
                "-Dstyleshepherd.models.training.train-on-start=false",
                "-Dstyleshepherd.embedding.embed-on-start=false",
                "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        command.environment().put("MICRONAUT_ENVIRONMENTS", "dev");
        command.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        command.environment().put("DEV_TEMPORAL_PORT", "0");
        command.environment().put("DEV_TEMPORAL_UI_PORT", "0");
        command.environment().put(DevStack.DATA_VARIABLE, data.toString());
        command.environment().remove(TemporalCliServer.CLI_VARIABLE);
        cli.ifPresent(binary -> command.environment().put(TemporalCliServer.CLI_VARIABLE, binary.toString()));
        Process app = command.start();
        List<ProcessHandle> servers = new ArrayList<>();
        try {
            awaitHealthy("http://localhost:" + port + "/health", app, log);
            String banner = bannerLine(log);
            List<ProcessHandle> children = app.toHandle().descendants().toList();
            if (cli.isPresent()) {
                assertTrue(banner.contains("(dev server, UI http://localhost:"), banner);
                servers.add(only(children, "temporal", cli.get().toString()));
            } else {
                assertTrue(banner.contains("(embedded test server: no Temporal CLI"), banner);
            }
            servers.add(only(children, "redis", "redis-server"));
            Matcher postgresPort = Pattern.compile("jdbc:postgresql://localhost:(\\d+)/").matcher(banner);
            assertTrue(postgresPort.find(), banner);
            servers.add(postgres(postgresPort.group(1)));

            app.destroy();
            assertTrue(app.waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS),
                    "the dev stack did not stop within " + STOP_PATIENCE + " of SIGTERM:\n" + tail(log));
        } finally {
            if (app.isAlive()) {
                app.destroyForcibly().waitFor();
            }
        }
        // The stack's own stop ran (not only the dev server's watchdog, which acts once the JVM is gone):
        // it removes the process ids it recorded.
        List<String> pidFiles = Stream.of("temporal/temporal.pid", "redis.pid")
                .filter(file -> Files.exists(data.resolve(file)))
                .toList();
        assertEquals(List.of(), pidFiles, "process id files left after the stop:\n" + tail(log));
        // An ended child is reaped by init an instant after its parent exits.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (servers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> left = servers.stream().filter(ProcessHandle::isAlive).map(DevStackShutdownIT::describe).toList();
        servers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), left, "servers still running after the dev stack stopped:\n" + tail(log));
    }

    private static ProcessHandle only(List<ProcessHandle> children, String what, String commandPart) {
        List<ProcessHandle> matching = children.stream()
                .filter(child -> child.info().command().map(command -> command.contains(commandPart)).orElse(false))
                .toList();
        assertEquals(1, matching.size(), () -> "one " + what + " child process, among: "
                + children.stream().map(DevStackShutdownIT::describe).toList());
        return matching.getFirst();
    }

    /** The postmaster listening on the port: pg_ctl starts it, then exits, so it is no descendant of ours. */
    private static ProcessHandle postgres(String port) {
        List<ProcessHandle> matching = ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/bin/postgres")).orElse(false))
                .filter(process -> process.info().arguments()
                        .map(arguments -> List.of(arguments).indexOf("-p") >= 0
                                && port.equals(List.of(arguments).get(List.of(arguments).indexOf("-p") + 1)))
                        .orElse(false))
                .toList();
        assertEquals(1, matching.size(), "one postgres server on port " + port);
        return matching.getFirst();
    }

    private static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().orElse("?");
    }

    private static String bannerLine(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains("Style Shepherd dev stack ready"))
                .findFirst().orElseThrow(() -> new AssertionError("no startup line:\n" + tail(log)));
    }

    private void awaitHealthy(String url, Process app, Path log) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new AssertionError("the process exited " + app.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not healthy after " + PATIENCE + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
