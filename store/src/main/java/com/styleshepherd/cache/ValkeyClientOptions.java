package com.styleshepherd.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Valkey fails fast instead of making requests wait: while the connection is down, commands are refused
 * at once (Lettuce would otherwise queue them until it reconnects, however long that takes); every command,
 * the asynchronous ones included, times out after {@code redis.timeout}; connecting gives up after
 * {@code styleshepherd.valkey.connect-timeout}. Lettuce keeps reconnecting in the background.
 */
@Singleton
final class ValkeyClientOptions implements BeanCreatedEventListener<RedisClient> {

    private final Duration commandTimeout;
    private final Duration connectTimeout;

    ValkeyClientOptions(@Value("${redis.timeout:500ms}") Duration commandTimeout,
            @Value("${styleshepherd.valkey.connect-timeout:1s}") Duration connectTimeout) {
        this.commandTimeout = commandTimeout;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
        RedisClient client = event.getBean();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .build());
        return client;
    }
}
