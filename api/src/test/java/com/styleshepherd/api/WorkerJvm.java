package com.styleshepherd.api;

import com.styleshepherd.testing.TestInfrastructure;
import com.styleshepherd.worker.WorkerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker as a separate operating-system process (the same main class production runs:
 * {@link WorkerApplication} or the gpu worker's), on this test's classpath and pointed at the test's
 * PostgreSQL, Redis and Temporal server. Its output goes to {@code target/<name>.log}.
 */
public final class WorkerJvm implements AutoCloseable {

    private final Process process;
    private final Path log;

    private WorkerJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * The configuration of a worker process that reads the same servers as the test: the test's PostgreSQL,
     * Redis and Temporal, the test-only webhook secret, and no background speech warm-up.
     */
    public static Map<String, String> testProperties() {
        Map<String, String> properties = new HashMap<>(TestInfrastructure.properties());
        properties.put("micronaut.environments", "test");
        properties.put("stripe.webhook-secret", "whsec_test_only_secret");
        properties.put("styleshepherd.speech.local.warm-up", "false");
        // The worker's management server would serve this classpath's api controllers too; off here
        // (WorkerProcessTest covers it on the worker's own classpath).
        properties.put("styleshepherd.management-server.enabled", "false");
        return properties;
    }

    /** Starts a regular worker process with the given configuration (Micronaut property -> value). */
    public static WorkerJvm start(String name, Map<String, String> properties) {
        return start(name, WorkerApplication.class.getName(), properties);
    }

    /** Starts {@code mainClass} as a worker process with the given configuration. */
    public static WorkerJvm start(String name, String mainClass, Map<String, String> properties) {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            // The classpath goes in an @argfile: it is longer than one command-line argument may be.
            Path argFile = target.resolve(name + ".args");
            Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "@" + argFile, "-Xmx512m", "-XX:TieredStopAtLevel=1"));
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add(mainClass);
            Path log = target.resolve(name + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new WorkerJvm(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start worker process " + name, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (what {@code kill -9} sends): no shutdown hook runs, nothing is flushed or closed. */
    public int killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("worker process " + process.pid() + " survived SIGKILL");
        }
        return process.exitValue();
    }

    /** SIGSTOP: the process is frozen where it stands (it holds its connections, runs nothing) until {@link #thaw()}. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a frozen process goes on. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The process's output so far, for assertion messages. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the process gracefully (SIGTERM: the worker's shutdown hook closes its context). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
