package com.styleshepherd.api.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Runs catalog embedding jobs through the ops API for the search tests; a bean of the test's context. */
@Singleton
public final class CatalogEmbeddings {

    private final Api api;

    CatalogEmbeddings(Api api) {
        this.api = api;
    }

    /**
     * Starts a job and waits until it is no longer running; its final state. A request while another
     * class's job still runs joins that job, which may have planned before the caller's changes: then
     * the next job is the one that counts.
     */
    public Map<String, Object> run(String opsToken) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant requested = Instant.now().minusMillis(50);
            Map<String, Object> job = runOne(opsToken);
            Object startedAt = job.get("startedAt");
            if (startedAt == null || !Instant.parse((String) startedAt).isBefore(requested)) {
                return job;
            }
        }
        throw new AssertionError("no embedding job of the caller's own ran");
    }

    private Map<String, Object> runOne(String opsToken) {
        Reply started = api.post("/api/ops/catalog/embeddings", opsToken, Map.of());
        assertEquals(202, started.status(), started.body().toString());
        String jobId = (String) started.body().get("jobId");
        assertEquals("/api/ops/catalog/embeddings/" + jobId, started.header("Location").orElseThrow());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Reply status = api.get("/api/ops/catalog/embeddings/" + jobId, opsToken);
            assertEquals(200, status.status());
            String state = (String) status.body().get("state");
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return status.body();
            }
            sleep(200);
        }
        throw new AssertionError("embedding job " + jobId + " did not finish in 90 s");
    }

    /** Waits {@code millis}; an interrupt fails the test. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
