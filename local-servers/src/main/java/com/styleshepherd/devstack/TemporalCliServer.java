package com.styleshepherd.devstack;

import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Temporal server, as the Temporal CLI runs it ({@code temporal server start-dev}): SQLite
 * persistence in {@code temporal.sqlite} under the data directory, so workflow histories outlive a
 * restart, and the Temporal UI. Installed by {@code scripts/install-temporal-cli.sh}.
 *
 * <p>Its output goes to {@code temporal.log} and its process id to {@code temporal.pid} in the data
 * directory. It runs under a small shell watchdog that ends it once this JVM is gone, also when the JVM
 * was killed outright or crashed and no shutdown hook ran; a server left running all the same is stopped
 * before a new one starts on the same SQLite file.
 */
public final class TemporalCliServer implements AutoCloseable {

    public static final String NAMESPACE = "default";
    /** The Temporal CLI binary to run the real server with (scripts/install-temporal-cli.sh prints it). */
    public static final String CLI_VARIABLE = "STYLESHEPHERD_TEMPORAL_CLI";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 30;
    /**
     * Runs the server ({@code "$@"}), writes its id to {@code $PID_FILE}, passes SIGTERM and SIGINT on,
     * stops the server when process {@code $OWNER_PID} (this JVM) is gone, and exits with its status.
     */
    private static final String WATCHDOG = """
            "$@" &
            server=$!
            echo "$server" > "$PID_FILE"
            trap 'kill -TERM "$server" 2>/dev/null' TERM INT
            while kill -0 "$server" 2>/dev/null; do
                kill -0 "$OWNER_PID" 2>/dev/null || kill -TERM "$server" 2>/dev/null
                sleep 1
            done
            wait "$server"
            """;

    private final Process process;
    private final int port;
    private final int uiPort;
    private final Path pidFile;

    private TemporalCliServer(Process process, int port, int uiPort, Path pidFile) {
        this.process = process;
        this.port = port;
        this.uiPort = uiPort;
        this.pidFile = pidFile;
    }

    /**
     * Starts the server with its frontend on {@code port} and its UI on {@code uiPort}, registers the
     * search attributes in the {@code default} namespace, and returns once the namespace answers.
     *
     * @throws IllegalStateException when the port is taken, or the server exits or does not answer within
     *     {@code startupWait} (the message ends with the tail of its log)
     */
    public static TemporalCliServer start(Path binary, Path dataDirectory, int port, int uiPort,
            List<SearchAttributeKey<?>> searchAttributes, Duration startupWait) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("No Temporal CLI at " + binary + ": run scripts/install-temporal-cli.sh");
        }
        Path pidFile = dataDirectory.resolve("temporal.pid");
        Path log = dataDirectory.resolve("temporal.log");
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the dev data directory " + dataDirectory, e);
        }
        // Only one server may use the SQLite file: one that a killed stack left behind goes first.
        ProcessTree.fromPidFile(pidFile, binary.getFileName().toString())
                .ifPresent(leftover -> ProcessTree.stop(leftover, STOP_GRACE));
        if (!FreePort.isFree(port)) {
            // Otherwise the readiness check below would be answered by whatever server holds the port.
            throw new IllegalStateException("Port " + port + " is in use, so the Temporal dev server cannot start"
                    + " there: set DEV_TEMPORAL_PORT=0 for any free port, or TEMPORAL_ADDRESS for a Temporal you run");
        }

        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "temporal-watchdog",
                binary.toString(), "server", "start-dev",
                "--db-filename", dataDirectory.resolve("temporal.sqlite").toString(),
                "--namespace", NAMESPACE,
                "--ip", "127.0.0.1",
                "--port", String.valueOf(port),
                "--ui-port", String.valueOf(uiPort),
                "--log-level", "warn"));
        // Registered before the frontend serves (no wait for the namespace cache to learn them); the CLI
        // leaves attributes that the SQLite file already has as they are.
        for (SearchAttributeKey<?> key : searchAttributes) {
            command.add("--search-attribute");
            command.add(key.getName() + "=" + typeName(key.getValueType()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PID_FILE", pidFile.toString());
        builder.environment().put("OWNER_PID", String.valueOf(ProcessHandle.current().pid()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
        TemporalCliServer server = new TemporalCliServer(process, port, uiPort, pidFile);
        try {
            server.awaitNamespace(startupWait, log);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** host:port of the frontend. */
    public String target() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Where the Temporal UI is served. */
    public String uiUrl() {
        return "http://localhost:" + uiPort;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            ProcessTree.stop(process.toHandle(), STOP_GRACE);
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // The next start checks the id against a live temporal process before it stops anything.
        }
    }

    @Override
    public String toString() {
        return "Temporal dev server " + target() + " (pid " + process.pid() + ")";
    }

    private void awaitNamespace(Duration limit, Path log) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(target())
                .build());
        try {
            long deadline = System.nanoTime() + limit.toNanos();
            StatusRuntimeException last = null;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The Temporal dev server exited with status " + process.exitValue()
                            + " while starting; the end of " + log + ":\n" + tail(log));
                }
                try {
                    stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                            .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build());
                    return;
                } catch (StatusRuntimeException notYet) {
                    last = notYet;
                }
                sleep(Duration.ofMillis(100));
            }
            throw new IllegalStateException("The Temporal dev server did not answer on " + target() + " within " + limit
                    + (last == null ? "" : " (last: " + last.getStatus().getCode() + ")")
                    + "; the end of " + log + ":\n" + tail(log));
        } finally {
            stubs.shutdownNow();
        }
    }

    static String typeName(IndexedValueType type) {
        return switch (type) {
            case INDEXED_VALUE_TYPE_TEXT -> "Text";
            case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
            case INDEXED_VALUE_TYPE_INT -> "Int";
            case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
            case INDEXED_VALUE_TYPE_BOOL -> "Bool";
            case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
            case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
            default -> throw new IllegalArgumentException("No search attribute type " + type);
        };
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Temporal dev server", e);
        }
    }
}
