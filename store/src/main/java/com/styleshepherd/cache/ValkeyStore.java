package com.styleshepherd.cache;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Values of one type, kept as JSON in Valkey under {@code ss:<namespace>:<id>} with a time to live.
 * Every write sets the TTL, so nothing in a namespace lives forever. Create one with
 * {@link ValkeyStores#store}.
 *
 * @param <V> the value type (a serdeable record)
 */
public final class ValkeyStore<V> {

    private static final Logger LOG = LoggerFactory.getLogger(ValkeyStore.class);

    private final RedisCommands<String, String> redis;
    private final JsonMapper json;
    private final String namespace;
    private final Argument<V> type;
    private final Duration defaultTtl;

    ValkeyStore(RedisCommands<String, String> redis, JsonMapper json, String namespace, Argument<V> type,
            Duration defaultTtl) {
        if (defaultTtl.isNegative() || defaultTtl.isZero()) {
            throw new IllegalArgumentException("TTL must be positive: " + defaultTtl);
        }
        this.redis = redis;
        this.json = json;
        this.namespace = namespace;
        this.type = type;
        this.defaultTtl = defaultTtl;
    }

    /**
     * The value, or empty when absent or expired. A value that no longer reads as {@code V} (written
     * by an older release) counts as absent and is removed.
     */
    public Optional<V> get(String id) {
        String key = key(id);
        String stored = redis.get(key);
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(stored, type));
        } catch (IOException e) {
            LOG.warn("Dropping unreadable value at {}: {}", key, e.getMessage());
            redis.del(key);
            return Optional.empty();
        }
    }

    public void put(String id, V value) {
        put(id, value, defaultTtl);
    }

    public void put(String id, V value, Duration ttl) {
        Objects.requireNonNull(value, "value");
        redis.set(key(id), toJson(value), SetArgs.Builder.px(ttl.toMillis()));
    }

    /** Restarts the value's time to live; false when there is no value. */
    public boolean touch(String id) {
        return redis.pexpire(key(id), defaultTtl.toMillis());
    }

    /** How long the value has left, or empty when there is no value. */
    public Optional<Duration> timeToLive(String id) {
        long millis = redis.pttl(key(id));
        return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    public boolean delete(String id) {
        return redis.del(key(id)) > 0;
    }

    String key(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        return "ss:" + namespace + ":" + id;
    }

    private String toJson(V value) {
        try {
            return json.writeValueAsString(type, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
