package com.styleshepherd.activities.events;

import com.styleshepherd.store.events.DomainEvent;
import com.styleshepherd.store.events.OutboxQueue;
import com.styleshepherd.store.events.RelayLeadership;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to Kafka, in outbox order, each event once for a {@code read_committed} consumer
 * (docs/events.md#delivery):
 *
 * <ol>
 *   <li>Only the relay holding PostgreSQL's advisory lock publishes ({@link RelayLeadership}); the others stand by.</li>
 *   <li>Each batch is one Kafka transaction under a fixed {@code transactional.id}: a relay killed before the commit
 *       leaves an open transaction, which the next relay's {@code initTransactions} aborts; its events are still
 *       unpublished in the outbox and go out again, once.</li>
 *   <li>Only after the commit does the outbox mark the batch published. A relay killed between the two left events
 *       on the topic that the outbox still calls unpublished: the next relay, before it sends anything, reads the
 *       tail of every partition (each record carries its outbox sequence) and marks those published.</li>
 * </ol>
 *
 * <p>With Kafka down or switched off, events wait in the outbox; nothing else in the process depends on it.
 */
@Context
@Requires(property = "styleshepherd.kafka.enabled", value = "true")
@Requires(property = "styleshepherd.kafka.relay-enabled", notEquals = "false")
public class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration STANDBY = Duration.ofSeconds(2);
    private static final Duration BACKOFF = Duration.ofSeconds(2);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(5);

    private final KafkaSettings settings;
    private final OutboxQueue outbox;
    private final RelayLeadership leadership;
    private final EventRecords records;
    private final List<OutboxRelayHooks> hooks;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile State state = State.STARTING;
    private volatile Instant lastPublished;
    private volatile String lastError;
    private volatile OutboxQueue.Lag lag = new OutboxQueue.Lag(0, Duration.ZERO);
    private volatile Instant lagMeasured = Instant.EPOCH;

    /** Where the relay stands, for health. */
    public enum State { STARTING, STANDBY, PUBLISHING, KAFKA_UNREACHABLE, DATABASE_UNREACHABLE, STOPPED }

    OutboxRelay(KafkaSettings settings, OutboxQueue outbox, RelayLeadership leadership, JsonMapper json,
            List<OutboxRelayHooks> hooks, BeanProvider<MeterRegistry> meters) {
        this.settings = settings;
        this.outbox = outbox;
        this.leadership = leadership;
        this.records = new EventRecords(json);
        this.hooks = hooks;
        meters.ifPresent(registry -> {
            Gauge.builder("styleshepherd.outbox.waiting", this, relay -> relay.lag.waiting())
                    .description("Domain events in the outbox not yet published to Kafka").register(registry);
            Gauge.builder("styleshepherd.outbox.oldest", this, relay -> relay.lag.oldest().toMillis() / 1000.0)
                    .baseUnit("seconds").description("Age of the oldest unpublished domain event").register(registry);
        });
        this.thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
        LOG.info("Outbox relay started: topic {} on {}", settings.topic(), settings.bootstrapServers());
    }

    public State state() {
        return state;
    }

    public Instant lastPublished() {
        return lastPublished;
    }

    public String lastError() {
        return lastError;
    }

    /** The outbox's lag as this relay last measured it (every few seconds while it runs). */
    public OutboxQueue.Lag lag() {
        return lag;
    }

    private void measureLag() {
        if (Duration.between(lagMeasured, Instant.now()).compareTo(LAG_INTERVAL) >= 0) {
            lag = outbox.lag();
            lagMeasured = Instant.now();
        }
    }

    private void run() {
        RelayLeadership.Lease lease = null;
        Producer<String, byte[]> producer = null;
        while (running) {
            try {
                measureLag();
                if (lease == null || !lease.isHeld()) {
                    closeQuietly(producer);
                    producer = null;
                    if (lease != null) {
                        lease.close();
                    }
                    lease = leadership.tryAcquire().orElse(null);
                    if (lease == null) {
                        state = State.STANDBY;
                        Thread.sleep(STANDBY);
                        continue;
                    }
                    LOG.info("Outbox relay holds the publishing lock");
                }
                if (producer == null) {
                    producer = startProducer();
                }
                if (!publishBatch(producer)) {
                    Thread.sleep(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (KafkaException e) {
                // Kafka down, fenced or timed out: a new producer aborts whatever transaction was open and
                // recovers from the topic before it sends again.
                fail(State.KAFKA_UNREACHABLE, e);
                closeQuietly(producer);
                producer = null;
                sleepQuietly(BACKOFF);
            } catch (SQLException | RuntimeException e) {
                // PostgreSQL: the lock may be gone with its connection; take it again before publishing.
                fail(State.DATABASE_UNREACHABLE, e);
                closeQuietly(producer);
                producer = null;
                if (lease != null) {
                    lease.close();
                    lease = null;
                }
                sleepQuietly(BACKOFF);
            }
        }
        closeQuietly(producer);
        if (lease != null) {
            lease.close();
        }
        state = State.STOPPED;
    }

    /** Sends one batch in one transaction and marks it published; false when the outbox was empty. */
    private boolean publishBatch(Producer<String, byte[]> producer) {
        List<DomainEvent> batch = outbox.unpublished(settings.batchSize());
        if (batch.isEmpty()) {
            state = State.PUBLISHING;
            return false;
        }
        producer.beginTransaction();
        for (DomainEvent event : batch) {
            producer.send(records.toRecord(settings.topic(), event));
            hooks.forEach(hook -> hook.sent(event));
        }
        producer.commitTransaction();
        hooks.forEach(hook -> hook.committed(batch));
        outbox.markPublished(batch.stream().map(DomainEvent::sequence).toList());
        state = State.PUBLISHING;
        lastPublished = Instant.now();
        lastError = null;
        LOG.debug("Published {} events, outbox sequences {}..{}", batch.size(), batch.getFirst().sequence(),
                batch.getLast().sequence());
        return true;
    }

    /**
     * A transactional producer whose {@code initTransactions} has fenced any earlier relay and aborted its open
     * transaction, after what that relay committed but did not mark is marked published.
     */
    private Producer<String, byte[]> startProducer() throws InterruptedException {
        ensureTopic();
        Map<String, Object> properties = new HashMap<>(settings.clientProperties());
        properties.put("transactional.id", settings.transactionalId());
        properties.put("enable.idempotence", "true");
        properties.put("acks", "all");
        properties.put("linger.ms", "5");
        properties.put("max.block.ms", "10000");
        properties.put("request.timeout.ms", "10000");
        properties.put("delivery.timeout.ms", "30000");
        properties.put("transaction.timeout.ms", "60000");
        Producer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer());
        try {
            producer.initTransactions();
            int recovered = markWhatTheTopicHolds();
            if (recovered > 0) {
                LOG.warn("Outbox relay: {} events were on the topic but not marked published (a relay stopped between "
                        + "the two); marked now, not sent again", recovered);
            }
            return producer;
        } catch (RuntimeException e) {
            closeQuietly(producer);
            throw e;
        }
    }

    private void ensureTopic() throws InterruptedException {
        Map<String, Object> properties = new HashMap<>(settings.clientProperties());
        properties.put("default.api.timeout.ms", "10000");
        properties.put("request.timeout.ms", "5000");
        Admin admin = Admin.create(properties);
        try {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            if (!topics.contains(settings.topic())) {
                admin.createTopics(List.of(new NewTopic(settings.topic(), java.util.Optional.of(settings.partitions()),
                        java.util.Optional.of(settings.replicationFactor())))).all().get(10, TimeUnit.SECONDS);
                LOG.info("Created topic {} with {} partitions", settings.topic(), settings.partitions());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("Kafka cannot be reached at " + settings.bootstrapServers(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not answer at " + settings.bootstrapServers() + " in 10 s", e);
        } finally {
            // Without a bound, close waits for the calls Kafka never answered.
            admin.close(Duration.ofSeconds(1));
        }
    }

    /**
     * Reads the last {@link KafkaSettings#MAX_BATCH} (and a margin for transaction markers) records of every
     * partition as a {@code read_committed} consumer and marks their outbox sequences published. A batch is one
     * transaction of at most that many records, so the tail holds every event the last relay committed and may not
     * have marked.
     */
    private int markWhatTheTopicHolds() {
        Map<String, Object> properties = new HashMap<>(settings.clientProperties());
        properties.put("isolation.level", "read_committed");
        properties.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(settings.topic(), Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
            List<TopicPartition> pending = partitions.stream()
                    .filter(partition -> starts.get(partition) < ends.get(partition)).collect(Collectors.toList());
            consumer.assign(pending);
            for (TopicPartition partition : pending) {
                consumer.seek(partition, Math.max(starts.get(partition), ends.get(partition) - 2L * KafkaSettings.MAX_BATCH - 2));
            }
            Set<Long> sequences = new TreeSet<>();
            Instant deadline = Instant.now().plus(RECOVERY_LIMIT);
            while (!pending.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new KafkaException("Could not read the tail of " + settings.topic() + " in "
                            + RECOVERY_LIMIT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    EventRecords.sequence(record).ifPresent(sequences::add);
                }
                pending.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
            }
            return outbox.markPublished(sequences);
        }
    }

    private void fail(State failed, Exception e) {
        if (state != failed) {
            LOG.warn("Outbox relay: {} ({}); events wait in the outbox, retrying", failed, e.toString());
        }
        state = failed;
        lastError = e.getClass().getSimpleName();
    }

    private static void closeQuietly(Producer<String, byte[]> producer) {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("Closing the relay's producer failed", e);
            }
        }
    }

    private void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        try {
            // A batch in flight finishes (its transaction commits and is marked); a wait on Kafka is cut short.
            if (!thread.join(Duration.ofSeconds(5))) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
