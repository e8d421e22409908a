package com.styleshepherd.testing;

import com.styleshepherd.devstack.EmbeddedKafkaServer;

/**
 * A Kafka broker shared by the tests of one JVM that publish or consume domain events, started on first use
 * (most tests never ask for it). {@code TEST_KAFKA_BOOTSTRAP_SERVERS} points them at an external one instead.
 */
public final class TestKafka {

    private static String bootstrapServers;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv("TEST_KAFKA_BOOTSTRAP_SERVERS");
            if (external != null && !external.isBlank()) {
                bootstrapServers = external;
            } else {
                EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start();
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
                bootstrapServers = kafka.bootstrapServers();
            }
        }
        return bootstrapServers;
    }
}
