package com.styleshepherd.api.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.WorkerJvm;
import com.styleshepherd.gpu.GpuWorkerApplication;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.catalog.ProductDraft;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A gpu worker killed with SIGKILL in the middle of an embedding job: the job waits, a second gpu
 * worker process takes the activity over after the heartbeat timeout, resumes after the last batch the
 * first one finished, and the job completes with every product embedded exactly once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.worker.enabled", value = "true")
@Property(name = "styleshepherd.gpu-worker.enabled", value = "false")
@Property(name = "styleshepherd.embedding.heartbeat-timeout", value = "3s")
class EmbeddingResumeTest implements RealInfrastructure {

    private static final int PRODUCTS = 1200;

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    ProductCatalog catalog;


    @Test
    void aKilledGpuWorkerResumesFromItsLastFinishedBatch() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < PRODUCTS; i++) {
            catalog.save(new ProductDraft("RESUME-" + tag + "-" + i, "Resume test product " + i,
                    "Product number " + i + " of the resume test, in cotton, for every day", "resume-test", "Test",
                    null, new BigDecimal("5.00"), "USD", Map.of(), null, List.of(new ProductDraft.SizeStock("M", 1))));
        }
        String ops = tokens.ops("ops-resume");
        String jobId;
        Map<String, Long> revisionsAtKill;
        int processedAtKill;
        try (WorkerJvm first = WorkerJvm.start("gpu-worker-1", GpuWorkerApplication.class.getName(), gpuWorker())) {
            Reply started = api.post("/api/ops/catalog/embeddings", ops, Map.of());
            assertEquals(202, started.status(), started.body().toString());
            jobId = (String) started.body().get("jobId");
            // Other test classes' products may wait too (one shared database): count this test's own.
            Map<String, Object> running = await(jobId, job -> ownEmbedded(tag) >= 160, Duration.ofSeconds(90), first);
            assertEquals("RUNNING", running.get("state"));
            assertEquals(137, first.killHard(), "SIGKILL");
            processedAtKill = processed(jobId);
            revisionsAtKill = revisions(tag);
        }
        assertTrue(revisionsAtKill.size() < PRODUCTS, "killed mid-job: " + revisionsAtKill.size());
        Thread.sleep(1_000);
        Map<String, Object> orphaned = api.get("/api/ops/catalog/embeddings/" + jobId, ops).body();
        assertEquals("RUNNING", orphaned.get("state"), "no gpu worker: the job waits");
        assertEquals(processedAtKill, ((Number) orphaned.get("processed")).intValue());

        try (WorkerJvm second = WorkerJvm.start("gpu-worker-2", GpuWorkerApplication.class.getName(), gpuWorker())) {
            Map<String, Object> done = await(jobId, job -> job.get("state").equals("COMPLETED"),
                    Duration.ofSeconds(120), second);
            // Pictures of other tests' products that this worker cannot read are skipped, not embedded.
            assertEquals(((Number) done.get("total")).intValue(),
                    ((Number) done.get("processed")).intValue() + ((Number) done.get("skipped")).intValue(), done.toString());
            assertTrue(second.output().contains("resumes after product"), "the retry started from the heartbeat");
            // Temporal passes heartbeats on at most every 80% of the timeout: the retry reads what was saved.
            String resumed = second.output().lines().filter(line -> line.contains("resumes after product"))
                    .findFirst().orElseThrow();
            assertTrue(resumed.contains("(" + processedAtKill + " embedded before)"),
                    "the retry starts after the last batch saved before the kill, " + processedAtKill + ": " + resumed);
        }
        Map<String, Long> revisions = revisions(tag);
        assertEquals(PRODUCTS, revisions.size(), "every product has one vector");
        revisionsAtKill.forEach((sku, revision) -> assertEquals(revision, revisions.get(sku),
                sku + " was embedded before the kill and not again after"));
        assertTrue(revisionsAtKill.size() >= 160, revisionsAtKill.size() + " embedded before the kill");
    }

    private int ownEmbedded(String tag) {
        try {
            return revisions(tag).size();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> gpuWorker() {
        Map<String, String> properties = WorkerJvm.testProperties();
        properties.put("styleshepherd.embedding.batch-size", "16");
        return properties;
    }

    private Map<String, Object> await(String jobId, Predicate<Map<String, Object>> condition, Duration timeout,
            WorkerJvm worker) throws InterruptedException {
        String ops = tokens.ops("ops-resume");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> job = api.get("/api/ops/catalog/embeddings/" + jobId, ops).body();
            if (condition.test(job)) {
                return job;
            }
            assertTrue(!job.get("state").equals("FAILED"), job.toString());
            Thread.sleep(25);
        }
        throw new AssertionError("job " + jobId + " did not get there in " + timeout + "; worker log:\n" + worker.output());
    }

    /** A plain JDBC connection, outside the application's transaction management. */
    private static Connection connect() throws SQLException {
        Map<String, String> properties = TestInfrastructure.properties();
        return DriverManager.getConnection(properties.get("datasources.default.url"),
                properties.get("datasources.default.username"), properties.get("datasources.default.password"));
    }

    private int processed(String jobId) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT processed FROM embedding_jobs WHERE id = CAST(? AS uuid)")) {
            statement.setString(1, jobId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** SKU → revision of its text vector, for this test's products. */
    private Map<String, Long> revisions(String tag) throws SQLException {
        Map<String, Long> revisions = new HashMap<>();
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT p.sku, e.revision FROM product_embeddings e JOIN products p ON p.id = e.product_id
                     WHERE p.sku LIKE ? AND e.model_id = 'all-MiniLM-L6-v2'
                     """)) {
            statement.setString(1, "RESUME-" + tag + "-%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    revisions.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return revisions;
    }
}
