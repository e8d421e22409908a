package com.styleshepherd.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.RealInfrastructure;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The tagged read-through cache against a real Redis server. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaggedCacheTest implements RealInfrastructure {

    static final Argument<String> TEXT = Argument.STRING;
    static final Duration TTL = Duration.ofMinutes(5);

    @Inject
    TaggedCache cache;

    @Inject
    MeterRegistry meters;

    @Inject
    StatefulRedisConnection<String, String> redis;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private double gets(String cacheName, String result) {
        var counter = meters.find("cache.gets").tag("cache", cacheName).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSecondReadIsAHitAndIsCounted() {
        String key = unique("key");
        AtomicInteger computed = new AtomicInteger();
        double hitsBefore = gets("test-hits", "hit");
        double missesBefore = gets("test-hits", "miss");

        String first = cache.getOrCompute("test-hits", key, TEXT, TTL, Set.of("t1"), () -> "v" + computed.incrementAndGet());
        String second = cache.getOrCompute("test-hits", key, TEXT, TTL, Set.of("t1"), () -> "v" + computed.incrementAndGet());

        assertEquals("v1", first);
        assertEquals("v1", second);
        assertEquals(1, computed.get());
        assertEquals(1, gets("test-hits", "hit") - hitsBefore);
        assertEquals(1, gets("test-hits", "miss") - missesBefore);
        long ttl = redis.sync().pttl("ss:cache:test-hits:" + key);
        assertTrue(ttl > 0 && ttl <= TTL.toMillis(), "stored with its TTL: " + ttl);
    }

    @Test
    void invalidatingATagRecomputesItsEntriesOnlyItsEntries() {
        String tag = unique("shopper");
        String mine = unique("mine");
        String other = unique("other");
        cache.getOrCompute("test-tags", mine, TEXT, TTL, Set.of(tag, "catalog-x"), () -> "old");
        String otherTag = unique("someone");
        cache.getOrCompute("test-tags", other, TEXT, TTL, Set.of(otherTag), () -> "kept");

        cache.invalidate("test-tags", tag);

        assertEquals("new", cache.getOrCompute("test-tags", mine, TEXT, TTL, Set.of(tag, "catalog-x"), () -> "new"));
        assertEquals("kept", cache.getOrCompute("test-tags", other, TEXT, TTL, Set.of(otherTag), () -> "recomputed"),
                "another tag's entry is untouched");
    }

    @Test
    void aValueComputedBeforeAnInvalidationIsNeverServedAfterIt() throws Exception {
        String tag = unique("product");
        String key = unique("slow");
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> slow = pool.submit(() -> cache.getOrCompute("test-race", key, TEXT, TTL, Set.of(tag), () -> {
                computing.countDown();
                await(release);
                return "read before the change";
            }));
            assertTrue(computing.await(10, TimeUnit.SECONDS));
            // The data changes and its tag is invalidated while the slow reader is still computing.
            cache.invalidate("test-race", tag);
            release.countDown();
            assertEquals("read before the change", slow.get(10, TimeUnit.SECONDS));
        }

        assertEquals("after the change",
                cache.getOrCompute("test-race", key, TEXT, TTL, Set.of(tag), () -> "after the change"));
    }

    @Test
    void underConcurrentWritersEveryReadAfterTheLastInvalidationSeesTheLastWrite() throws Exception {
        String tag = unique("hot");
        List<String> keys = List.of(unique("a"), unique("b"), unique("c"));
        AtomicInteger database = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        int writes = 200;
        List<Future<?>> readers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int r = 0; r < 8; r++) {
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        for (String key : keys) {
                            cache.getOrCompute("test-stress", key, TEXT, TTL, Set.of(tag),
                                    () -> String.valueOf(database.get()));
                        }
                    }
                    return null;
                }));
            }
            for (int i = 1; i <= writes; i++) {
                database.set(i);
                cache.invalidate("test-stress", tag);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(30, TimeUnit.SECONDS);
            }
        }

        for (String key : keys) {
            assertEquals(String.valueOf(writes), cache.getOrCompute("test-stress", key, TEXT, TTL, Set.of(tag),
                    () -> String.valueOf(database.get())), key);
        }
    }

    @Test
    void aTagCounterOutlivesTheEntriesStoredUnderIt() {
        String tag = unique("long");
        cache.getOrCompute("test-ttl", unique("k"), TEXT, Duration.ofHours(30), Set.of(tag), () -> "v");

        long counterTtl = redis.sync().pttl("ss:tagver:" + tag);

        assertTrue(counterTtl >= Duration.ofHours(30).toMillis() - 5_000, "counter TTL " + counterTtl);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
