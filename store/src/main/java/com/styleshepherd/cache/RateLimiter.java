package com.styleshepherd.cache;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Fixed-window request counters in Valkey, shared by every api instance: at most {@code limit} hits
 * per key and window (a burst across a window boundary can reach twice that, the usual trade for one
 * round trip and one key per client). Non-blocking, for use in HTTP filters.
 */
@Singleton
public final class RateLimiter {

    /** KEYS[1] = counter; ARGV[1] = window ms. Counts the hit; answers the count and the window's time left. */
    private static final String HIT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local left = redis.call('PTTL', KEYS[1])
            if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); left = tonumber(ARGV[1]) end
            return {n, left}
            """;

    /**
     * @param allowed whether this hit is within the limit
     * @param remaining hits left in the window
     * @param reset time until the window ends (when a refused client may try again)
     */
    public record Decision(boolean allowed, int limit, int remaining, Duration reset) {
    }

    private final RedisAsyncCommands<String, String> redis;

    RateLimiter(StatefulRedisConnection<String, String> connection) {
        this.redis = connection.async();
    }

    /** Counts one hit for {@code key} ({@code user:42}, {@code ip:10.0.0.7}). */
    public CompletionStage<Decision> hit(String key, int limit, Duration window) {
        return redis.<List<Long>>eval(HIT, ScriptOutputType.MULTI, new String[] {"ss:rate:" + key},
                String.valueOf(window.toMillis())).thenApply(reply -> {
                    long count = reply.get(0);
                    return new Decision(count <= limit, limit, (int) Math.max(0, limit - count),
                            Duration.ofMillis(reply.get(1)));
                });
    }
}
