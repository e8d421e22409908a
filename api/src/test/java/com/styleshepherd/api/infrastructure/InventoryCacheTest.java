package com.styleshepherd.api.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.styleshepherd.api.infrastructure.InfrastructureProviderFailure.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link InventoryCache} on a clock the test moves: how long an inventory serves, and one read at a time. */
class InventoryCacheTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-08T01:00:00Z"));
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void anInventoryServesForItsTtlWithItsAgeThenIsReadAgain() {
        InventoryCache cache = new InventoryCache(reading(this::inventoryNow), Duration.ofSeconds(60), clock);

        InfrastructureInventory first = cache.get();
        clock.advance(Duration.ofSeconds(59));
        InfrastructureInventory cached = cache.get();

        assertEquals(1, reads.get());
        assertEquals(0L, first.cacheAgeSeconds());
        assertEquals(59L, cached.cacheAgeSeconds());
        assertEquals(first.fetchedAt(), cached.fetchedAt());

        clock.advance(Duration.ofSeconds(1));
        InfrastructureInventory renewed = cache.get();

        assertEquals(2, reads.get());
        assertEquals(0L, renewed.cacheAgeSeconds());
        assertEquals(clock.instant(), renewed.fetchedAt());
    }

    @Test
    void aFailedReadIsNotKept() {
        Queue<Supplier<InfrastructureInventory>> answers = new ArrayDeque<>(List.of(
                () -> {
                    throw failure(Reason.UNREACHABLE, Duration.ofSeconds(5));
                },
                this::inventoryNow));
        InventoryCache cache = new InventoryCache(reading(() -> answers.remove().get()), Duration.ofSeconds(60), clock);

        assertEquals(Reason.UNREACHABLE, assertThrows(InfrastructureProviderFailure.class, cache::get).reason());
        assertEquals(true, cache.get().configured());
        assertEquals(2, reads.get());
    }

    @Test
    void afterARateLimitNothingIsReadUntilRetryAfterHasPassed() {
        Queue<Supplier<InfrastructureInventory>> answers = new ArrayDeque<>(List.of(
                () -> {
                    throw failure(Reason.RATE_LIMITED, Duration.ofSeconds(30));
                },
                this::inventoryNow));
        InventoryCache cache = new InventoryCache(reading(() -> answers.remove().get()), Duration.ofSeconds(60), clock);

        assertThrows(InfrastructureProviderFailure.class, cache::get);
        clock.advance(Duration.ofSeconds(20));
        InfrastructureProviderFailure held = assertThrows(InfrastructureProviderFailure.class, cache::get);

        assertEquals(1, reads.get(), "Vultr is left alone");
        assertEquals(Reason.RATE_LIMITED, held.reason());
        assertEquals(Duration.ofSeconds(10), held.retryAfter());

        clock.advance(Duration.ofSeconds(10));
        cache.get();

        assertEquals(2, reads.get());
    }

    @Test
    void requestsThatFindAReadUnderWayShareIt() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InventoryCache cache = new InventoryCache(reading(() -> {
            reading.countDown();
            await(release);
            return inventoryNow();
        }), Duration.ofSeconds(60), clock);
        AtomicReference<InfrastructureInventory> firstAnswer = new AtomicReference<>();
        AtomicReference<InfrastructureInventory> secondAnswer = new AtomicReference<>();

        Thread first = Thread.ofPlatform().start(() -> firstAnswer.set(cache.get()));
        reading.await();
        Thread second = Thread.ofPlatform().start(() -> secondAnswer.set(cache.get()));
        // The second request waits on the read the first one started (it is parked on it, not reading).
        while (second.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        release.countDown();
        first.join();
        second.join();

        assertEquals(1, reads.get());
        assertEquals(firstAnswer.get().fetchedAt(), secondAnswer.get().fetchedAt());
    }

    private Supplier<InfrastructureInventory> reading(Supplier<InfrastructureInventory> read) {
        return () -> {
            reads.incrementAndGet();
            return read.get();
        };
    }

    private InfrastructureInventory inventoryNow() {
        return new InfrastructureInventory("vultr", true, clock.instant(), null, null, List.of(), List.of(), List.of(),
                List.of(), null, null);
    }

    private static InfrastructureProviderFailure failure(Reason reason, Duration retryAfter) {
        return new InfrastructureProviderFailure(reason, "GET /instances", reason == Reason.RATE_LIMITED ? 429 : 0,
                retryAfter, "test", null);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A clock that moves only when the test says. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
