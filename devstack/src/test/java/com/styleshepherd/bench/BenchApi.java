package com.styleshepherd.bench;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import io.micronaut.http.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What the benchmarks do through the API the way ops and shoppers do: tokens, catalog imports, embedding. */
final class BenchApi {

    private BenchApi() {
    }

    /** A dev-stack access token for {@code userId} with one role. */
    static String token(Api api, String userId, String role) {
        return (String) ok(api.post("/api/dev/token", null, Map.of("userId", userId, "roles", List.of(role))))
                .body().get("accessToken");
    }

    /** Uploads a catalog file to {@code POST /api/ops/products/import{query}}; the import report. */
    static Reply importFile(Api api, String opsToken, Path file, String query) throws IOException {
        return ok(api.upload("/api/ops/products/import" + query, opsToken, "file", file.getFileName().toString(),
                MediaType.of("text/csv"), Files.readAllBytes(file)));
    }

    /**
     * Starts an embedding job (or joins the running one, e.g. the one an import started) and waits until
     * it ends; its final state.
     */
    static Map<String, Object> embedAll(Api api, String opsToken) throws InterruptedException {
        String jobId = (String) ok(api.post("/api/ops/catalog/embeddings", opsToken, Map.of())).body().get("jobId");
        while (true) {
            Reply status = ok(api.get("/api/ops/catalog/embeddings/" + jobId, opsToken));
            String state = (String) status.body().get("state");
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return status.body();
            }
            System.out.printf("embedding: %s of %s, eta %s s%n", status.body().get("processed"), status.body().get("total"),
                    status.body().get("etaSeconds"));
            Thread.sleep(5_000);
        }
    }

    static Reply ok(Reply reply) {
        if (reply.status() >= 300) {
            throw new IllegalStateException(reply.status() + " " + reply.body());
        }
        return reply;
    }
}
