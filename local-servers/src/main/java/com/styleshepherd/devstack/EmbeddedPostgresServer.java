package com.styleshepherd.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL server (binaries from {@code io.zonky.test.postgres}) on a free loopback port, with
 * a fresh, throw-away data directory or, for the dev stack, one that is kept from start to start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final EmbeddedPostgres postgres;
    private final Optional<ProcessHandle> postmaster;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Optional<ProcessHandle> postmaster) {
        this.postgres = postgres;
        this.postmaster = postmaster;
    }

    /** A server on a fresh data directory, deleted when it stops. */
    public static EmbeddedPostgresServer start() {
        try {
            return new EmbeddedPostgresServer(builder(FreePort.find()).start(), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /**
     * A server on {@code dataDirectory}: created on the first start, kept when the server stops, so the
     * next start finds every row again. A server that a killed process left running there is stopped
     * first.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        return start(dataDirectory, FreePort.find());
    }

    /**
     * A server on {@code dataDirectory}, as {@link #start(Path)}, listening on {@code port}: a server stopped
     * and started again this way is back where its clients had it (the fault suite's PostgreSQL outage).
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        ProcessTree.fromPidFile(pidFile, "postgres").ifPresent(leftover -> ProcessTree.stop(leftover, STOP_GRACE));
        EmbeddedPostgres postgres;
        try {
            postgres = builder(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL on " + dataDirectory + " (" + e.getMessage()
                    + "); if it was made by another PostgreSQL version, delete the directory to start afresh", e);
        }
        // pg_ctl starts the server detached from this process: its id is kept to make sure it ends.
        return new EmbeddedPostgresServer(postgres, ProcessTree.fromPidFile(pidFile, "postgres"));
    }

    private static EmbeddedPostgres.Builder builder(int port) {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(30))
                // A dev and test server: durability against a machine crash is not worth the fsyncs
                // (a stopped or killed server loses nothing).
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "200");
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            // pg_ctl stop gives up after a few seconds and the library only logs it.
            postmaster.filter(ProcessHandle::isAlive).ifPresent(server -> ProcessTree.stop(server, STOP_GRACE));
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on port " + port();
    }
}
