package com.styleshepherd.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Shopper sessions in a real Redis server: 24 hours from the last activity. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionStoreTest implements RealInfrastructure {

    @Inject
    ValkeyStores stores;

    @Test
    void aSessionLivesTwentyFourHoursFromItsLastActivity() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        SessionStore sessions = new SessionStore(stores, clock);
        String id = UUID.randomUUID().toString();

        ShopperSession opened = sessions.open(id, "u1");
        assertTrue(sessions.timeToLive(id).orElseThrow().compareTo(Duration.ofHours(23)) > 0);

        clock.now = clock.now.plus(Duration.ofMinutes(30));
        ShopperSession touched = sessions.touch(id).orElseThrow();
        assertEquals(opened.startedAt(), touched.startedAt());
        assertEquals(Instant.parse("2026-11-21T10:30:00Z"), touched.lastSeenAt());
        assertEquals(Optional.of(touched), sessions.find(id));

        assertTrue(sessions.close(id));
        assertEquals(Optional.empty(), sessions.touch(id));
        assertFalse(sessions.close(id));
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
