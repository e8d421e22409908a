package com.styleshepherd.store.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The memory store against a real PostgreSQL, for what its repositories map: a batch insert of entities, UUID[]
 * parameters, REAL[] columns read and written as float[], JSON metadata and DTO projections (of rows, pages and
 * an aggregate). Each test has its own shoppers.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryStoreTest implements RealInfrastructure {

    private static final float[] NAVY = {0.1f, -1.5f, 1e-7f};
    private static final float[] BANK = {0.33333334f, 0f, -2.5e-3f};

    @Inject
    MemoryStore store;

    @Test
    void storesABatchInOrderAndReadsItBack() {
        String shopper = shopper();
        List<Memory> stored = store.add(shopper,
                List.of(new NewMemory("fact", "works in a bank", Map.of("source", "chat", "products", List.of("A-1"))),
                        new NewMemory("preference", "likes navy", null)),
                List.of(BANK, NAVY), "model-a");

        assertEquals(List.of("works in a bank", "likes navy"), stored.stream().map(Memory::text).toList());
        assertEquals(Map.of("source", "chat", "products", List.of("A-1")), stored.get(0).metadata());
        assertEquals(Map.of(), stored.get(1).metadata());
        assertNull(stored.get(0).score());
        assertTrue(stored.get(1).createdAt().isAfter(stored.get(0).createdAt()),
                "each row is created when it is written, so a batch keeps its order");

        List<MemoryVector> vectors = store.vectors(shopper, null, "model-a", 10);
        assertEquals(List.of("likes navy", "works in a bank"), vectors.stream().map(MemoryVector::text).toList());
        assertArrayEquals(NAVY, vectors.get(0).vector());
        assertArrayEquals(BANK, vectors.get(1).vector());
        assertEquals(List.of(stored.get(0).id()),
                store.vectors(shopper, "fact", "model-a", 10).stream().map(MemoryVector::id).toList());
        assertEquals(List.of(), store.vectors(shopper, null, "model-b", 10));

        UUID bank = stored.get(0).id();
        UUID navy = stored.get(1).id();
        assertEquals(List.of(navy, bank),
                store.find(shopper, List.of(navy, UUID.randomUUID(), bank)).stream().map(Memory::id).toList());
        assertEquals(List.of(), store.find(shopper(), List.of(navy)), "another shopper's memory is not found");
        assertEquals(List.of(), store.find(shopper, List.of()));
    }

    @Test
    void memoriesWithoutAVectorOfTheModelGetOneInABatch() {
        String shopper = shopper();
        List<Memory> stored = store.add(shopper, List.of(new NewMemory("fact", "one", Map.of()),
                new NewMemory("fact", "two", Map.of())), List.of(NAVY, NAVY), "model-a");

        List<MemoryVector> waiting = store.withoutVector(shopper, "model-b", 10);
        assertEquals(stored.stream().map(Memory::id).toList(), waiting.stream().map(MemoryVector::id).toList());
        assertNull(waiting.get(0).vector());
        assertEquals(1, store.withoutVector(shopper, "model-b", 1).size());

        store.saveVectors(List.of(new MemoryVector(waiting.get(0).id(), "one", BANK),
                new MemoryVector(waiting.get(1).id(), "two", new float[] {2f})), "model-b");
        assertEquals(List.of(), store.withoutVector(shopper, "model-b", 10));
        List<MemoryVector> vectors = store.vectors(shopper, null, "model-b", 10);
        assertArrayEquals(new float[] {2f}, vectors.get(0).vector());
        assertArrayEquals(BANK, vectors.get(1).vector());
    }

    @Test
    void pagesStatsAndDeletes() {
        String shopper = shopper();
        assertEquals(new MemoryStats(0, Map.of(), null, null), store.stats(shopper));
        List<Memory> stored = store.add(shopper, List.of(new NewMemory("fact", "first", Map.of()),
                new NewMemory("feedback", "second", Map.of()), new NewMemory("fact", "third", Map.of())),
                List.of(NAVY, NAVY, NAVY), "model-a");

        Page<Memory> newest = store.list(shopper, null, Pageable.from(0, 2));
        assertEquals(List.of("third", "second"), newest.getContent().stream().map(Memory::text).toList());
        assertEquals(3, newest.getTotalSize());
        Page<Memory> facts = store.list(shopper, "fact", Pageable.from(1, 1));
        assertEquals(List.of("first"), facts.getContent().stream().map(Memory::text).toList());
        assertEquals(2, facts.getTotalSize());
        assertEquals(List.of("first", "second", "third"), store.all(shopper).stream().map(Memory::text).toList());

        MemoryStats stats = store.stats(shopper);
        assertEquals(3, stats.total());
        assertEquals(List.of(Map.entry("fact", 2L), Map.entry("feedback", 1L)), List.copyOf(stats.byType().entrySet()));
        assertEquals(stored.get(0).createdAt(), stats.oldest());
        assertEquals(stored.get(2).createdAt(), stats.newest());

        UUID second = stored.get(1).id();
        assertFalse(store.delete(shopper(), second), "only the shopper deletes their memories");
        assertTrue(store.delete(shopper, second));
        assertFalse(store.delete(shopper, second));
        assertEquals(2, store.clear(shopper));
        assertEquals(0, store.stats(shopper).total());
    }

    private static String shopper() {
        return "memory-test-" + UUID.randomUUID();
    }
}
