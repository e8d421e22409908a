package com.styleshepherd.store.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Shipped models seeded as version 1 (once, however many workers start together), and ops promotions and
 * rollbacks, against a real PostgreSQL of this class's own (an empty registry).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelSeedAndPromotionTest implements RealInfrastructure {

    @Inject
    ModelStore models;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(RealInfrastructure.super.getProperties());
        properties.put("datasources.default.url", TestInfrastructure.createDatabase("model_seed"));
        return properties;
    }

    @Test
    void workersStartingTogetherSeedOneVersionOnceAndOnlyIntoAnEmptyRegistry() throws Exception {
        ModelStore.Candidate shipped = candidate("size", "shipped:size-v1", 1.11, new byte[] {1, 2});
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Optional<StoredModel>>> workers = List.of(() -> models.seed(shipped), () -> models.seed(shipped),
                    () -> models.seed(shipped), () -> models.seed(shipped));
            for (Future<Optional<StoredModel>> seeded : pool.invokeAll(workers)) {
                StoredModel model = seeded.get().orElseThrow();
                assertEquals(1, model.version());
                assertTrue(model.promoted(), model.toString());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, models.count("size"));
        assertEquals(1, models.promoted("size").orElseThrow().version());

        // A later artifact (size-v2) does not seed a registry that holds versions: retraining owns it.
        assertEquals(Optional.empty(), models.seed(candidate("size", "shipped:size-v2", 1.0, new byte[] {3})));
        assertEquals(1, models.count("size"));
    }

    @Test
    void opsPromoteOnlyWhatIsNoWorseUnlessForcedAndRollBackToTheVersionBefore() {
        String kind = "return-risk";
        StoredModel first = models.store(candidate(kind, "run-" + UUID.randomUUID(), 0.50, new byte[] {1}));
        StoredModel worse = models.store(candidate(kind, "run-" + UUID.randomUUID(), 0.60, new byte[] {2}));
        StoredModel better = models.store(candidate(kind, "run-" + UUID.randomUUID(), 0.40, new byte[] {3}));

        assertInstanceOf(ModelStore.Change.NotFound.class, models.promoteChecked(kind, 99, false, false));
        assertInstanceOf(ModelStore.Change.Refused.class, models.rollback(kind), "nothing promoted yet");
        assertInstanceOf(ModelStore.Change.Promoted.class, models.promoteChecked(kind, first.version(), false, false));
        assertInstanceOf(ModelStore.Change.Refused.class, models.rollback(kind), "nothing promoted before it");

        ModelStore.Change refused = models.promoteChecked(kind, worse.version(), false, false);
        ModelStore.Change.Refused reason = assertInstanceOf(ModelStore.Change.Refused.class, refused);
        assertTrue(reason.reason().contains("0.6000 is worse than the promoted v" + first.version() + "'s 0.5000"),
                reason.reason());
        assertEquals(first.version(), models.promoted(kind).orElseThrow().version(), "a refusal changes nothing");

        // Log loss: lower is better, so the 0.40 version goes in; forced, even the worse one does.
        assertInstanceOf(ModelStore.Change.Promoted.class, models.promoteChecked(kind, better.version(), false, false));
        ModelStore.Change forced = models.promoteChecked(kind, worse.version(), false, true);
        assertEquals(better.version(), assertInstanceOf(ModelStore.Change.Promoted.class, forced).previous());
        assertEquals(worse.version(), models.promoted(kind).orElseThrow().version());
        // Higher is better (an AUC): the 0.40 version is now the worse one.
        assertInstanceOf(ModelStore.Change.Refused.class, models.promoteChecked(kind, better.version(), true, false));

        // Rollbacks walk back through the versions that were promoted, newest first.
        ModelStore.Change.Promoted back = assertInstanceOf(ModelStore.Change.Promoted.class, models.rollback(kind));
        assertEquals(better.version(), back.model().version());
        assertEquals(worse.version(), back.previous());
        assertEquals(first.version(), ((ModelStore.Change.Promoted) models.rollback(kind)).model().version());
        assertEquals(first.version(), models.promoted(kind).orElseThrow().version());
        assertInstanceOf(ModelStore.Change.Refused.class, models.rollback(kind));
    }

    private static ModelStore.Candidate candidate(String kind, String run, double score, byte[] weights) {
        return new ModelStore.Candidate(kind, run, 100, 25, "test rows", "log loss", score, Map.of("logLoss", score),
                "kept for the test", weights);
    }
}
