package com.styleshepherd.store.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Model versions against a real PostgreSQL: numbered per kind, promoted one at a time. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelStoreTest implements RealInfrastructure {

    @Inject
    ModelStore models;

    @Test
    void versionsAreNumberedStoredOncePerRunAndPromotedInTurn() {
        String run = "run-" + UUID.randomUUID();
        StoredModel first = models.store(candidate(run, new byte[] {1, 2, 3}));
        assertEquals(first, models.store(candidate(run, new byte[] {9})), "a retried run stores nothing");
        StoredModel second = models.store(candidate("run-" + UUID.randomUUID(), new byte[] {4}));

        assertEquals(first.version() + 1, second.version());
        assertEquals("fit", first.kind());
        assertEquals(run, first.trainingRun());
        assertEquals(120, first.trainingRows());
        assertEquals(30, first.testRows());
        assertEquals("shop orders 150", first.dataSource());
        assertEquals("accuracy", first.metric());
        assertEquals(0.8125, first.score());
        assertEquals(Map.of("accuracy", 0.8125, "lines", 150.0), first.metrics());
        assertEquals(Double.class, first.metrics().get("lines").getClass());
        assertEquals("kept for the test", first.decision());
        assertEquals(ModelStore.sha256(new byte[] {1, 2, 3}), first.weightsSha256());
        assertNotNull(first.trainedAt());
        assertNull(first.promotedAt());
        assertArrayEquals(new byte[] {1, 2, 3}, models.weights("fit", first.version()).orElseThrow());
        assertTrue(models.weights("fit", second.version() + 1).isEmpty());

        Integer promoted = models.promoted("fit").map(StoredModel::version).orElse(null);
        assertTrue(models.promote("fit", first.version(), promoted));
        assertTrue(models.promote("fit", first.version(), promoted), "again: already promoted");
        assertFalse(models.promote("fit", second.version(), promoted), "replacing a version no longer promoted");
        assertTrue(models.promote("fit", second.version(), first.version()));

        assertEquals(second.version(), models.promoted("fit").orElseThrow().version());
        assertTrue(models.promoted("fit").orElseThrow().promoted());
        assertNotNull(models.byRun("fit", run).orElseThrow().retiredAt());
        assertEquals(List.of(second.version(), first.version()),
                models.list("fit", 0, 2).stream().map(StoredModel::version).toList());
        assertEquals(List.of(first.version()), models.list("fit", 1, 1).stream().map(StoredModel::version).toList());
        assertTrue(models.count("fit") >= 2);
    }

    private static ModelStore.Candidate candidate(String run, byte[] weights) {
        return new ModelStore.Candidate("fit", run, 120, 30, "shop orders 150", "accuracy", 0.8125,
                Map.of("accuracy", 0.8125, "lines", 150.0), "kept for the test", weights);
    }
}
