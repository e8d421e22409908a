package com.styleshepherd.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.RealInfrastructure;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Typed values in a real Redis server. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValkeyStoreTest implements RealInfrastructure {

    @Serdeable
    record Outfit(String name, List<String> skus) {
    }

    @Inject
    ValkeyStores stores;

    @Inject
    StatefulRedisConnection<String, String> redis;

    private final String id = UUID.randomUUID().toString();

    @Test
    void readsBackWhatItWroteUnderItsNamespace() {
        ValkeyStore<Outfit> outfits = stores.store("outfit", Outfit.class, Duration.ofMinutes(5));
        Outfit outfit = new Outfit("Weekend", List.of("SS-TOP-0001", "SS-JNS-0002"));
        outfits.put(id, outfit);
        assertEquals(Optional.of(outfit), outfits.get(id));
        assertTrue(redis.sync().get("ss:outfit:" + id).contains("\"Weekend\""), "stored as JSON under ss:outfit:");
    }

    @Test
    void everyWriteCarriesATimeToLive() {
        ValkeyStore<Outfit> outfits = stores.store("outfit", Outfit.class, Duration.ofMinutes(5));
        outfits.put(id, new Outfit("Office", List.of()));
        Duration left = outfits.timeToLive(id).orElseThrow();
        assertTrue(left.compareTo(Duration.ofMinutes(4)) > 0 && left.compareTo(Duration.ofMinutes(5)) <= 0, left::toString);

        outfits.put(id, new Outfit("Office", List.of()), Duration.ofSeconds(30));
        assertTrue(outfits.timeToLive(id).orElseThrow().compareTo(Duration.ofSeconds(30)) <= 0);
        assertTrue(outfits.touch(id), "touch restarts the default TTL");
        assertTrue(outfits.timeToLive(id).orElseThrow().compareTo(Duration.ofMinutes(4)) > 0);
    }

    @Test
    void aValueIsGoneOnceItsTimeToLiveRunsOut() throws InterruptedException {
        ValkeyStore<Outfit> outfits = stores.store("outfit", Outfit.class, Duration.ofMinutes(5));
        outfits.put(id, new Outfit("Short-lived", List.of()), Duration.ofMillis(150));
        Thread.sleep(400);
        assertEquals(Optional.empty(), outfits.get(id));
        assertFalse(outfits.touch(id));
    }

    @Test
    void namespacesDoNotSeeEachOther() {
        ValkeyStore<Outfit> outfits = stores.store("outfit", Outfit.class, Duration.ofMinutes(5));
        ValkeyStore<Outfit> wishlist = stores.store("wishlist", Outfit.class, Duration.ofMinutes(5));
        outfits.put(id, new Outfit("Mine", List.of()));
        assertEquals(Optional.empty(), wishlist.get(id));
        assertTrue(outfits.delete(id));
        assertEquals(Optional.empty(), outfits.get(id));
        assertFalse(outfits.delete(id));
    }

    @Test
    void aValueThatNoLongerReadsIsDroppedNotThrown() {
        ValkeyStore<Outfit> outfits = stores.store("outfit", Outfit.class, Duration.ofMinutes(5));
        redis.sync().set("ss:outfit:" + id, "{not json");
        assertEquals(Optional.empty(), outfits.get(id));
        assertEquals(0, redis.sync().exists("ss:outfit:" + id));
    }

    @Test
    void rejectsBadNamespacesIdsAndTtls() {
        assertThrows(IllegalArgumentException.class, () -> stores.store("Bad Namespace", Outfit.class, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> stores.store("outfit", Outfit.class, Duration.ZERO));
        ValkeyStore<Outfit> outfits = stores.store("outfit", Outfit.class, Duration.ofMinutes(5));
        assertThrows(IllegalArgumentException.class, () -> outfits.get(" "));
    }
}
