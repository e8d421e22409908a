package com.styleshepherd.cache;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.regex.Pattern;

/** Makes the typed stores that share this process's Valkey connection. */
@Singleton
public final class ValkeyStores {

    private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final StatefulRedisConnection<String, String> connection;
    private final JsonMapper json;

    ValkeyStores(StatefulRedisConnection<String, String> connection, JsonMapper json) {
        this.connection = connection;
        this.json = json;
    }

    public <V> ValkeyStore<V> store(String namespace, Class<V> type, Duration ttl) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace must match " + NAMESPACE + ": " + namespace);
        }
        return new ValkeyStore<>(connection.sync(), json, namespace, Argument.of(type), ttl);
    }
}
