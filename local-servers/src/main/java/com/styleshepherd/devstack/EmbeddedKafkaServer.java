package com.styleshepherd.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker (the {@code kafka_2.13} jar from Maven Central) in KRaft combined mode, running
 * in this JVM: one node that is both controller and broker, on two free loopback ports, with its log in a
 * directory of its own. Production uses a managed Kafka service (docs/events.md, deploy/).
 *
 * <p>Topics are created on first use; the settings a one-node cluster needs for transactions (replication
 * factor and minimum in-sync replicas of 1 for the transaction log) are set here.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDir;
    private final boolean deleteOnClose;

    private EmbeddedKafkaServer(KafkaRaftServer server, int port, Path logDir, boolean deleteOnClose) {
        this.server = server;
        this.port = port;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** A broker with its log in a temporary directory, deleted when it stops (tests). */
    public static EmbeddedKafkaServer start() {
        return startTemporary(FreePort.find());
    }

    /** A broker on {@code port} with its log in a temporary directory, deleted when it stops. */
    public static EmbeddedKafkaServer startTemporary(int port) {
        try {
            return start(Files.createTempDirectory("kafka-"), port, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a directory for Kafka's log", e);
        }
    }

    /**
     * A broker whose log is kept in {@code logDir} (the dev stack's data directory): topics and their records
     * are still there after a restart. The directory is formatted the first time only.
     */
    public static EmbeddedKafkaServer start(Path logDir, int port) {
        return start(logDir, port, false);
    }

    private static EmbeddedKafkaServer start(Path logDir, int port, boolean deleteOnClose) {
        int controllerPort = FreePort.find();
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDir.toString());
        properties.put("num.partitions", "3");
        properties.put("auto.create.topics.enable", "true");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "3");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "3");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        // A laptop's broker: small segments and indexes, a few threads.
        properties.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        properties.put("num.network.threads", "1");
        properties.put("num.io.threads", "2");
        properties.put("background.threads", "2");
        properties.put("num.recovery.threads.per.data.dir", "1");
        properties.put("log.cleaner.threads", "1");
        KafkaConfig config = new KafkaConfig(properties, false);
        try {
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                Files.createDirectories(logDir);
                new Formatter()
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                        .setNodeId(1)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setDirectories(List.of(logDir.toString()))
                        .setMetadataLogDirectory(logDir.toString())
                        .setControllerListenerName("CONTROLLER")
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .run();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka's log directory " + logDir, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaServer(server, port, logDir, deleteOnClose);
    }

    /** The {@code bootstrap.servers} of this broker. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            try (Stream<Path> files = Files.walk(logDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // A temporary directory: the operating system cleans up what is left.
            }
        }
    }
}
