package com.styleshepherd.store.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.catalog.ProductDraft;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Embedding jobs and product vectors against a real PostgreSQL, through their repositories. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddingStoreTest implements RealInfrastructure {

    @Inject
    EmbeddingJobs jobs;

    @Inject
    EmbeddingStore store;

    @Inject
    ProductCatalog catalog;

    @Inject
    JsonColumns json;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aJobIsCreatedJoinedPlannedAndCountsTheBatchesSavedForIt() {
        EmbeddingJobs.Created created = jobs.createOrJoin("ops-" + tag);
        EmbeddingJob job = created.job();
        try {
            assertTrue(created.created());
            assertEquals(EmbeddingJob.State.PENDING, job.state());
            assertEquals(Map.of(), job.models());
            assertEquals("ops-" + tag, job.requestedBy());
            assertNotNull(job.createdAt());
            EmbeddingJobs.Created joined = jobs.createOrJoin("someone else");
            assertFalse(joined.created());
            assertEquals(job.id(), joined.job().id());
            assertEquals(job.id(), jobs.active().orElseThrow().id());

            jobs.markRunning(job.id());
            Map<String, String> models = new LinkedHashMap<>();
            models.put("TEXT", "text-" + tag + "/1");
            models.put("IMAGE", "image-" + tag + "/1");
            jobs.recordPlan(job.id(), 3, models);
            long first = product("A", Map.of("material", "linen", "occasions", List.of("work", "travel")));
            long second = product("B", Map.of());
            List<EmbeddingSource> waiting = store.nextWaiting("text-" + tag, "1", false, first - 1, 2);
            assertEquals(List.of(first, second), waiting.stream().map(EmbeddingSource::productId).toList());
            assertEquals(0, store.saved(job.id().toString(), "text-" + tag, "1").embedded());

            store.saveBatch(job.id().toString(), "text-" + tag, "1", waiting,
                    List.of(new float[] {0.1f, -2.5f, 3.75e-9f}, new float[] {1f, Float.MIN_VALUE}), 1);

            EmbeddingJob running = jobs.find(job.id()).orElseThrow();
            assertEquals(EmbeddingJob.State.RUNNING, running.state());
            assertEquals(models, running.models());
            assertEquals(List.of("TEXT", "IMAGE"), List.copyOf(running.models().keySet()));
            assertEquals(3, running.total());
            assertEquals(2, running.processed());
            assertEquals(1, running.skipped());
            assertNotNull(running.startedAt());
            assertEquals(new EmbeddingStore.Saved(second, 2), store.saved(job.id().toString(), "text-" + tag, "1"));
            assertEquals(new EmbeddingStore.Saved(0, 0), store.saved(job.id().toString(), "image-" + tag, "1"));
            assertTrue(store.nextWaiting("text-" + tag, "1", false, first - 1, 2).stream()
                    .noneMatch(source -> source.productId() == first || source.productId() == second));

            List<EmbeddingStore.StoredVector> vectors = new ArrayList<>();
            assertEquals(2, store.vectorsSince("text-" + tag, "1", 0, vectors::add));
            assertArrayEquals(new float[] {0.1f, -2.5f, 3.75e-9f}, vectors.get(0).vector());
            assertArrayEquals(new float[] {1f, Float.MIN_VALUE}, vectors.get(1).vector());
            assertEquals(1, store.vectorsSince("text-" + tag, "1", vectors.get(0).revision(), v -> { }));

            Page<EmbeddingJob> page = jobs.list(Pageable.from(0, 50));
            assertTrue(page.getTotalSize() >= 1);
            assertEquals(job.id(), page.getContent().get(0).id(), "newest first");
        } finally {
            jobs.markCompleted(job.id());
        }
        EmbeddingJob completed = jobs.find(job.id()).orElseThrow();
        assertEquals(EmbeddingJob.State.COMPLETED, completed.state());
        assertNotNull(completed.finishedAt());
        jobs.markFailed(job.id(), "too late");
        assertEquals(EmbeddingJob.State.COMPLETED, jobs.find(job.id()).orElseThrow().state(), "an ending stays");
    }

    @Test
    void aProductsTextIsReadAsBefore() throws SQLException {
        Map<String, Object> attributes = Map.of("material", "wool", "fit", "relaxed", "occasions",
                List.of("office", "dinner"), "care", "dry clean", "lining", "silk");
        long id = product("TEXT", attributes);
        EmbeddingSource source = store.nextWaiting("text-" + tag, "1", false, id - 1, 1).get(0);
        Map<String, String> database = TestInfrastructure.properties();
        String expected;
        try (Connection connection = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT name, category, color, brand, attributes::text, description FROM products WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                expected = ProductText.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        json.read(row.getString(5), Argument.mapOf(String.class, Object.class)), row.getString(6));
            }
        }
        assertEquals(expected, source.text());
        assertEquals(1, source.contentVersion());
        assertEquals(null, source.imageRef());
        int all = store.countWaiting("text-" + tag, "1", false);
        assertTrue(all >= 1, "products without pictures wait for a text model");
        assertTrue(store.countWaiting("image-" + tag, "1", true) < all, "only products with a picture wait");
    }

    private long product(String name, Map<String, Object> attributes) {
        return catalog.save(new ProductDraft("EMB-" + tag + "-" + name, "Product " + name, "Described " + name,
                "embedding-test", "Brand", "navy", new BigDecimal("10.00"), "USD", attributes, null,
                List.of(new ProductDraft.SizeStock("M", 1)))).product().product().id();
    }
}
