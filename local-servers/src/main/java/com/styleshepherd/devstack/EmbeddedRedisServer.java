package com.styleshepherd.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the redis 6.2 binary inside {@code com.github.codemonstur:embedded-redis}) on
 * a free loopback port. Valkey speaks the same protocol; production points at a Valkey cluster.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final RedisServer redis;
    private final int port;
    private final Optional<Path> pidFile;

    private EmbeddedRedisServer(RedisServer redis, int port, Optional<Path> pidFile) {
        this.redis = redis;
        this.port = port;
        this.pidFile = pidFile;
    }

    public static EmbeddedRedisServer start() {
        return start(FreePort.find());
    }

    /**
     * A server on {@code port}: one stopped and started again this way is back where its clients had it
     * (empty: nothing is persisted), as after a Valkey restart (the fault suite's outage).
     */
    public static EmbeddedRedisServer start(int port) {
        return new EmbeddedRedisServer(startRedis(port), port, Optional.empty());
    }

    /**
     * A server whose process id is kept in {@code pidFile}, for the dev stack: a server that a stack
     * killed outright left running is stopped first.
     */
    public static EmbeddedRedisServer start(Path pidFile) {
        ProcessTree.fromPidFile(pidFile, "redis-server").ifPresent(leftover -> ProcessTree.stop(leftover, STOP_GRACE));
        int port = FreePort.find();
        EmbeddedRedisServer server = new EmbeddedRedisServer(startRedis(port), port, Optional.of(pidFile));
        String listening = "127.0.0.1:" + port;
        Optional<ProcessHandle> process = ProcessHandle.current().children()
                .filter(child -> child.info().commandLine()
                        .map(line -> line.contains("redis-server") && line.endsWith(listening))
                        .orElse(false))
                .findFirst();
        try {
            Files.createDirectories(pidFile.getParent());
            if (process.isPresent()) {
                Files.writeString(pidFile, process.get().pid() + "\n");
            }
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("Cannot write " + pidFile, e);
        }
        return server;
    }

    private static RedisServer startRedis(int port) {
        try {
            RedisServer redis = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            redis.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded Redis", e);
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return redis.isActive();
    }

    public void stop() {
        try {
            redis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (isRunning()) {
            stop();
        }
        pidFile.ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // The next start checks the id against a live redis-server before it stops anything.
            }
        });
    }
}
