package com.styleshepherd.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the redis 6.2 binary inside {@code com.github.codemonstur:embedded-redis}) on
 * a free loopback port. Valkey speaks the same protocol; production points at a Valkey cluster.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private final RedisServer redis;
    private final int port;

    private EmbeddedRedisServer(RedisServer redis, int port) {
        this.redis = redis;
        this.port = port;
    }

    public static EmbeddedRedisServer start() {
        int port = FreePort.find();
        try {
            RedisServer redis = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            redis.start();
            return new EmbeddedRedisServer(redis, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded Redis", e);
        }
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
    }
}
