package com.styleshepherd.bench;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The public catalogs end to end on the dev stack, over HTTP:
 *
 * <ol>
 *   <li>imports {@code ../shared/data/catalog/styles.csv} (44k products; mapping fashion-product-images,
 *       its 2,000 shipped photos readable through {@code styleshepherd.catalog.image-root}) and the Myntra
 *       file (12.5k products) through {@code POST /api/ops/products/import};</li>
 *   <li>times one {@code CatalogEmbeddingWorkflow} over the whole catalog (text vectors for every product,
 *       picture vectors for every readable photo), started by {@code POST /api/ops/catalog/embeddings};</li>
 *   <li>measures {@code GET /api/search} (query embedding + exact scan over every vector + products) and
 *       {@code GET /api/recommendations} for {@value #SHOPPERS} shoppers with profiles: the first call per
 *       shopper (computed) and then cache hits, {@value #CLIENTS} closed-loop clients.</li>
 * </ol>
 * Latencies are measured by the client over loopback, so they include the client's own time: the
 * server's time is below them.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -pl devstack -am -DskipTests verify -Dbench.main=com.styleshepherd.bench.CatalogBenchmark}
 */
public final class CatalogBenchmark {

    static final int SHOPPERS = 50;
    static final int CLIENTS = 4;
    static final Duration MEASURE = Duration.ofSeconds(20);
    static final double GOAL_HIT_P99_MS = 2;
    static final List<String> QUERIES = List.of("black running shoes", "floral summer dress", "leather wallet for men",
            "white cotton shirt", "silk saree for a wedding", "denim jacket", "sports watch", "red kurta");

    private CatalogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("bench.styles", "../shared/data/catalog/styles.csv")).getParent();
        Path report = Path.of(System.getProperty("bench.docs", "docs/benchmarks")).resolve("catalog.md");
        System.setProperty("styleshepherd.embedding.embed-on-start", "false");
        // An import of 44k rows answers after tens of seconds.
        System.setProperty("micronaut.http.client.read-timeout", "600s");
        System.setProperty("styleshepherd.catalog.image-root", data.resolve("images").toAbsolutePath().toString());
        List<String> lines = new ArrayList<>();
        try (DevStackRun stack = DevStackRun.start(CatalogBenchmark.class, args);
             Api api = Api.of(stack.context().getBean(EmbeddedServer.class))) {
            String ops = BenchApi.token(api, "bench-ops", "ops");

            long start = System.nanoTime();
            Reply styles = BenchApi.importFile(api, ops, data.resolve("styles.csv"),
                    "?mapping=fashion-product-images&defaultPrice=25.00&currency=USD&defaultSizes=S,M,L&defaultStock=10");
            double stylesSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            Reply myntra = BenchApi.importFile(api, ops, data.resolve("myntra_products_catalog.csv"),
                    "?mapping=myntra&defaultSizes=S,M,L&defaultStock=10");
            double myntraSeconds = (System.nanoTime() - start) / 1e9;
            lines.add(importLine("styles.csv", styles, stylesSeconds));
            lines.add(importLine("myntra_products_catalog.csv", myntra, myntraSeconds));

            // The first import already started the job (the second one's products join it, being waiting
            // products of higher ids): the job's own start and finish times measure it.
            Map<String, Object> job = BenchApi.embedAll(api, ops);
            double embedSeconds = Duration.between(Instant.parse((String) job.get("startedAt")),
                    Instant.parse((String) job.get("finishedAt"))).toMillis() / 1000.0;
            int processed = ((Number) job.get("processed")).intValue();
            lines.add(String.format(Locale.ROOT,
                    "| embedding job (text + picture vectors) | %s: %,d vectors written, %,d skipped (no readable photo), "
                            + "models %s | %.0f s | %.0f vectors/s |",
                    job.get("state"), processed, ((Number) job.get("skipped")).intValue(), job.get("models"),
                    embedSeconds, processed / embedSeconds));

            ClosedLoop.Result search = ClosedLoop.run("search", 1, MEASURE, client -> BenchApi.ok(api.get(
                    "/api/search?topK=10&q=" + QUERIES.get((int) (System.nanoTime() % QUERIES.size())).replace(' ', '+'))));
            lines.add(latencyLine("GET /api/search (full catalog, 1 client)", search));

            String[] shoppers = new String[SHOPPERS];
            Histogram misses = new Histogram(3);
            for (int i = 0; i < SHOPPERS; i++) {
                shoppers[i] = BenchApi.token(api, "bench-shopper-" + i, "shopper");
                BenchApi.ok(api.put("/api/me/profile", shoppers[i], Map.of(
                        "usualSizes", Map.of("dresses", "M", "tops", "M", "shoes", "M"),
                        "stylePreferences", Map.of("colours", List.of(i % 2 == 0 ? "black" : "navy"),
                                "styles", List.of(i % 3 == 0 ? "casual" : "formal"), "occasions", List.of("work")))));
                long began = System.nanoTime();
                BenchApi.ok(api.get("/api/recommendations?topK=10", shoppers[i]));
                misses.recordValue((System.nanoTime() - began) / 1000);
            }
            lines.add(String.format(Locale.ROOT, "| GET /api/recommendations, computed (first call of %d shoppers) | "
                    + "p50 %.2f ms, p99 %.2f ms | | |", SHOPPERS, misses.getValueAtPercentile(50) / 1000.0,
                    misses.getValueAtPercentile(99) / 1000.0));
            ClosedLoop.Result hits = ClosedLoop.run("recommendations-hit", CLIENTS, MEASURE, client -> BenchApi.ok(api.get(
                    "/api/recommendations?topK=10", shoppers[(int) (System.nanoTime() % SHOPPERS)])));
            lines.add(latencyLine("GET /api/recommendations, cache hit (" + CLIENTS + " clients)", hits));
            ClosedLoop.Result hitOne = ClosedLoop.run("recommendations-hit-1", 1, MEASURE, client -> BenchApi.ok(api.get(
                    "/api/recommendations?topK=10", shoppers[(int) (System.nanoTime() % SHOPPERS)])));
            lines.add(latencyLine("GET /api/recommendations, cache hit (1 client)", hitOne));
            System.out.printf(Locale.ROOT, "Recommendation cache hit p99: %.2f ms (goal < %.0f ms): %s%n", hitOne.millis(99),
                    GOAL_HIT_P99_MS, hitOne.millis(99) < GOAL_HIT_P99_MS ? "met" : "MISSED");
        }
        lines.forEach(System.out::println);
        Files.createDirectories(report.getParent());
        Files.writeString(report, "# Public catalogs end to end: import, embedding, search, recommendations\n\n"
                + "Run " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " on "
                + Runtime.getRuntime().availableProcessors() + " cores (CPU only), JDK " + Runtime.version()
                + ", dev stack (embedded PostgreSQL, Redis and Temporal in the same JVM).\n\n"
                + "Command: `./mvnw -q -Pbench -pl devstack -am -DskipTests verify "
                + "-Dbench.main=com.styleshepherd.bench.CatalogBenchmark`\n\n"
                + "Latencies are measured by the HTTP client over loopback (they include the client's time).\n\n"
                + "| step | result | time / latency | rate |\n|---|---|---:|---:|\n" + String.join("\n", lines) + "\n");
        System.out.println("Report: " + report.toAbsolutePath());
    }

    private static String importLine(String file, Reply report, double seconds) {
        Map<String, Object> body = report.body();
        long rows = ((Number) body.get("rowsRead")).longValue();
        return String.format(Locale.ROOT, "| import %s | %,d rows: %s created, %s updated, %s unchanged, %s rejected | %.0f s | %.0f rows/s |",
                file, rows, body.get("created"), body.get("updated"), body.get("unchanged"), body.get("rejected"),
                seconds, rows / seconds);
    }

    private static String latencyLine(String step, ClosedLoop.Result result) {
        return String.format(Locale.ROOT, "| %s | %,d requests, %d errors%s | p50 %.2f ms, p99 %.2f ms | %.0f req/s |", step,
                result.completed(), result.errors(), result.firstError() == null ? "" : " (" + result.firstError() + ")",
                result.millis(50), result.millis(99), result.throughput());
    }
}
