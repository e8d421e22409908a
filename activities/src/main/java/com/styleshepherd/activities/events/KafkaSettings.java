package com.styleshepherd.activities.events;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the domain events go ({@code styleshepherd.kafka.*}, docs/events.md). Off unless configured: the events
 * then wait in the outbox, and nothing else changes. The dev stack turns it on with its own broker; production
 * points it at the managed Kafka service (deploy/).
 *
 * @param enabled whether this process relays and consumes events at all
 * @param bootstrapServers the brokers, {@code host:port,...}
 * @param topic the one topic every event goes to, keyed by its aggregate's id
 * @param partitions the topic's partitions when the relay has to create it
 * @param replicationFactor the topic's replication factor when the relay creates it ({@code -1}: the broker's default)
 * @param transactionalId the relay's Kafka transactional id: the same in every relay, so a new one fences a dead one
 * @param batchSize events per Kafka transaction (at most {@value #MAX_BATCH})
 * @param pollInterval how long the relay waits when the outbox is empty
 * @param relayEnabled whether this process runs the relay (one relay publishes at a time, whatever this says)
 * @param stockAlertsEnabled whether this process runs the stock-alert consumer
 * @param securityProtocol {@code PLAINTEXT} locally; {@code SASL_SSL} for a managed service
 * @param saslMechanism {@code PLAIN} or {@code SCRAM-SHA-512}, with {@code saslUsername} and {@code saslPassword}
 */
@ConfigurationProperties("styleshepherd.kafka")
public record KafkaSettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "localhost:9092") String bootstrapServers,
        @Bindable(defaultValue = "styleshepherd.events") String topic,
        @Bindable(defaultValue = "6") int partitions,
        @Bindable(defaultValue = "-1") short replicationFactor,
        @Bindable(defaultValue = "style-shepherd-outbox-relay") String transactionalId,
        @Bindable(defaultValue = "200") int batchSize,
        @Bindable(defaultValue = "250ms") Duration pollInterval,
        @Bindable(defaultValue = "true") boolean relayEnabled,
        @Bindable(defaultValue = "true") boolean stockAlertsEnabled,
        @Bindable(defaultValue = "PLAINTEXT") String securityProtocol,
        @Nullable String saslMechanism,
        @Nullable String saslUsername,
        @Nullable String saslPassword) {

    /** A transaction holds at most this many events: a restarted relay reads back this far (OutboxRelay). */
    public static final int MAX_BATCH = 1000;

    public KafkaSettings {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("styleshepherd.kafka.batch-size must be 1.." + MAX_BATCH + ", not "
                    + batchSize);
        }
    }

    /** The settings every client of this process shares: the brokers and how to authenticate to them. */
    Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("security.protocol", securityProtocol);
        properties.put("client.dns.lookup", "use_all_dns_ips");
        if (saslMechanism != null && !saslMechanism.isBlank()) {
            properties.put("sasl.mechanism", saslMechanism);
            String module = saslMechanism.startsWith("SCRAM")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            properties.put("sasl.jaas.config", module + " required username=\"" + saslUsername + "\" password=\""
                    + saslPassword + "\";");
        }
        return properties;
    }
}
