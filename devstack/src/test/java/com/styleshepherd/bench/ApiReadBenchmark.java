package com.styleshepherd.bench;

import com.styleshepherd.api.Api;
import com.styleshepherd.store.catalog.CatalogSql;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.shopper.ShopperProfiles;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Catalog search and profile reads under load, over HTTP on the dev stack, side by side with the same
 * SQL over plain JDBC in the same run.
 *
 * <ol>
 *   <li>imports the Myntra catalog (12,491 real products, {@code bench.catalog}; sizes S, M, L with 10
 *       each) through {@code POST /api/ops/products/import} unless the catalog already holds 10,000, and
 *       waits for the embedding job the import starts; gives {@value #SHOPPERS} shoppers a profile through the API;</li>
 *   <li><b>at a fixed rate</b> ({@code bench.rate}, default 300/s, open loop, latency from each
 *       request's due time): {@code GET /api/products?q=…} with rotating real queries, then
 *       {@code GET /api/me/profile};</li>
 *   <li><b>at full speed</b> ({@code bench.clients} closed-loop clients): the same two requests, and
 *       the same statements over JDBC (the search's page, count and sizes queries, {@link CatalogSql};
 *       the profile's select), to get the API's ceiling against the database's.</li>
 * </ol>
 * Run: {@code ./mvnw -q -Pbench -pl devstack -am -DskipTests verify -Dbench.main=com.styleshepherd.bench.ApiReadBenchmark}
 * (knobs: {@code -Dbench.rate=300 -Dbench.clients=16 -Dbench.read-seconds=20 -Dbench.read-warmup-seconds=10}).
 */
public final class ApiReadBenchmark {

    static final int SHOPPERS = 100;
    static final double GOAL_P99_MS = 15;
    static final double GOAL_RATIO = 0.5;
    static final int PAGE_SIZE = 20;

    /** Real shopping searches against the Myntra catalog: text, category, max price (INR). */
    static final List<Object[]> QUERIES = List.of(
            new Object[] {"black kurta", "kurtas", 3000},
            new Object[] {"denim jacket", null, null},
            new Object[] {"running shoes", "shoes", 5000},
            new Object[] {"cotton shirt", "shirts", null},
            new Object[] {"floral dress", "dresses", 4000},
            new Object[] {"leather wallet", null, 2000},
            new Object[] {null, "watches", 10000},
            new Object[] {"silk saree", "sarees", null});

    private ApiReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double rate = Integer.getInteger("bench.rate", 300);
        int clients = Integer.getInteger("bench.clients", 16);
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.read-seconds", 20));
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.read-warmup-seconds", 10));
        Path catalogCsv = Path.of(System.getProperty("bench.catalog", "../shared/data/catalog/myntra_products_catalog.csv"));
        Path report = Path.of(System.getProperty("bench.docs", "docs/benchmarks")).resolve("api-reads.md");

        int exit = 0;
        try (DevStackRun stack = DevStackRun.start(ApiReadBenchmark.class, args)) {
            ProductCatalog catalog = stack.context().getBean(ProductCatalog.class);
            if (catalog.count() < 10_000) {
                try (Api api = Api.of(stack.context().getBean(EmbeddedServer.class))) {
                    long began = System.nanoTime();
                    String ops = BenchApi.token(api, "bench-ops", "ops");
                    Object created = BenchApi.importFile(api, ops, catalogCsv,
                            "?mapping=myntra&defaultSizes=S,M,L&defaultStock=10").body().get("created");
                    // The import started an embedding job: let it finish before measuring anything.
                    BenchApi.embedAll(api, ops);
                    System.out.printf("Imported %s Myntra products and embedded them in %.0f s%n", created,
                            (System.nanoTime() - began) / 1e9);
                }
            }
            long products = catalog.count();
            Reads reads = new Reads(stack);

            if (Boolean.getBoolean("bench.profile-reads")) {
                // Profile reads only, for a profiler attached to this JVM (e.g. -XX:StartFlightRecording).
                ClosedLoop.Result only = ClosedLoop.run("api profile", clients, warmup.plus(measure), reads::apiProfile);
                System.out.printf(Locale.ROOT, "profile reads only: %.0f/s%n", only.throughput());
                return;
            }
            System.out.printf("Warm-up: %d s of each workload%n", warmup.toSeconds());
            List<ClosedLoop.Operation> all = List.of(reads::apiSearch, reads::apiSearchUncached, reads::sqlSearch,
                    reads::apiProfile, reads::sqlProfile);
            for (ClosedLoop.Operation operation : all) {
                ClosedLoop.run("warm-up", clients, warmup, operation);
            }
            System.out.println("Fixed rate and full speed");
            OpenLoop.Result searchAtRate = OpenLoop.run("search", rate, measure, reads::apiSearch);
            OpenLoop.Result profileAtRate = OpenLoop.run("profile", rate, measure, reads::apiProfile);
            ClosedLoop.Result apiSearch = ClosedLoop.run("api search", clients, measure, reads::apiSearchUncached);
            ClosedLoop.Result apiSearchCached = ClosedLoop.run("api search, popular", clients, measure, reads::apiSearch);
            ClosedLoop.Result sqlSearch = ClosedLoop.run("sql search", clients, measure, reads::sqlSearch);
            ClosedLoop.Result apiProfile = ClosedLoop.run("api profile", clients, measure, reads::apiProfile);
            ClosedLoop.Result sqlProfile = ClosedLoop.run("sql profile", clients, measure, reads::sqlProfile);

            String text = report(products, rate, clients, measure, searchAtRate, profileAtRate, apiSearch, sqlSearch,
                    apiSearchCached, apiProfile, sqlProfile);
            System.out.println(text);
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, text);
            System.out.println("Written to " + report.toAbsolutePath().normalize());
            for (Object result : List.of(searchAtRate, profileAtRate, apiSearch, sqlSearch, apiSearchCached, apiProfile,
                    sqlProfile)) {
                long errors = result instanceof OpenLoop.Result o ? o.errors() : ((ClosedLoop.Result) result).errors();
                if (errors > 0) {
                    exit = 1;
                }
            }
        }
        System.exit(exit);
    }

    static String report(long products, double rate, int clients, Duration measure, OpenLoop.Result search,
            OpenLoop.Result profile, ClosedLoop.Result apiSearch, ClosedLoop.Result sqlSearch,
            ClosedLoop.Result apiSearchCached, ClosedLoop.Result apiProfile, ClosedLoop.Result sqlProfile) {
        StringBuilder out = new StringBuilder("# API read benchmark: latest run\n\n");
        out.append("Written by `./mvnw -q -Pbench -pl devstack -am -DskipTests verify -Dbench.main=com.styleshepherd.bench.ApiReadBenchmark`;"
                + " see [../performance.md](../performance.md).\n\n");
        out.append(String.format(Locale.ROOT, "- when: %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        out.append(String.format(Locale.ROOT, "- machine: %d cores, %s %s; dev stack, client in the same JVM%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version")));
        out.append(String.format(Locale.ROOT, "- catalog: %d products (the Myntra catalog and the demo catalog); %d shoppers with profiles; pages of %d%n",
                products, SHOPPERS, PAGE_SIZE));
        out.append(String.format(Locale.ROOT, "- fixed rate: %.0f requests/s, open loop, %d s each; full speed: %d closed-loop clients, %d s each%n%n",
                rate, measure.toSeconds(), clients, measure.toSeconds()));
        out.append("| workload | requests | errors | rate (/s) | p50 ms | p90 ms | p99 ms | max ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        out.append(row("catalog search `GET /api/products?q=…`, 8 popular searches, fixed rate", search.completed(), search.errors(),
                search.achievedRate(), search.latencies()));
        out.append(row("profile `GET /api/me/profile`, fixed rate", profile.completed(), profile.errors(),
                profile.achievedRate(), profile.latencies()));
        out.append(row("catalog search over HTTP, every search new (cache misses), full speed", apiSearch.completed(),
                apiSearch.errors(), apiSearch.throughput(), apiSearch.latencies()));
        out.append(row("the same search SQL over JDBC, full speed", sqlSearch.completed(), sqlSearch.errors(),
                sqlSearch.throughput(), sqlSearch.latencies()));
        out.append(row("catalog search over HTTP, the 8 popular searches (cache hits), full speed",
                apiSearchCached.completed(), apiSearchCached.errors(), apiSearchCached.throughput(),
                apiSearchCached.latencies()));
        out.append(row("profile over HTTP, full speed", apiProfile.completed(), apiProfile.errors(),
                apiProfile.throughput(), apiProfile.latencies()));
        out.append(row("the profile's SQL over JDBC, full speed", sqlProfile.completed(), sqlProfile.errors(),
                sqlProfile.throughput(), sqlProfile.latencies()));
        double searchRatio = apiSearch.throughput() / sqlSearch.throughput();
        double profileRatio = apiProfile.throughput() / sqlProfile.throughput();
        out.append(String.format(Locale.ROOT, "%n- search at %.0f/s: p99 **%.1f ms** (goal < %.0f ms: %s); API / SQL throughput **%.2f** (goal ≥ %.1f: %s)%n",
                rate, search.millis(99), GOAL_P99_MS, verdict(search.millis(99) < GOAL_P99_MS), searchRatio, GOAL_RATIO,
                verdict(searchRatio >= GOAL_RATIO)));
        out.append(String.format(Locale.ROOT, "- profile at %.0f/s: p99 **%.1f ms** (goal < %.0f ms: %s); API / SQL throughput **%.2f** (goal ≥ %.1f: %s)%n",
                rate, profile.millis(99), GOAL_P99_MS, verdict(profile.millis(99) < GOAL_P99_MS), profileRatio, GOAL_RATIO,
                verdict(profileRatio >= GOAL_RATIO)));
        for (Object result : List.of(search, profile, apiSearch, sqlSearch, apiSearchCached, apiProfile, sqlProfile)) {
            String error = result instanceof OpenLoop.Result o ? o.firstError() : ((ClosedLoop.Result) result).firstError();
            String name = result instanceof OpenLoop.Result o ? o.workload() : ((ClosedLoop.Result) result).workload();
            if (error != null) {
                out.append("- first ").append(name).append(" error: `").append(error).append("`\n");
            }
        }
        return out.toString();
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static String row(String name, long count, long errors, double rate, org.HdrHistogram.Histogram micros) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f |%n", name, count, errors, rate,
                micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(90) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }

    /** The four reads: over HTTP as the frontend sends them, and their SQL over JDBC. */
    static final class Reads {

        private static final Pattern NAMED = Pattern.compile("(?<!:):(\\w+)");

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final URI base;
        private final DataSource dataSource;
        private final String[] tokens = new String[SHOPPERS];
        private final String[] shopperIds = new String[SHOPPERS];
        private final List<String> searchParameters = new ArrayList<>();
        private final List<String> countParameters = new ArrayList<>();
        private final String searchSql;
        private final String countSql;
        private final String profileSql = positional(ShopperProfiles.FIND_BY_USER, new ArrayList<>());
        private final String sizesSql = "SELECT * FROM product_sizes WHERE product_id = ANY (?) AND active ORDER BY product_id, position";

        Reads(DevStackRun stack) throws IOException, InterruptedException {
            this.base = stack.baseUri();
            // The pool itself (the bean is a proxy that only lends connections inside Micronaut's own scopes).
            this.dataSource = DelegatingDataSource.unwrapDataSource(stack.context().getBean(DataSource.class));
            JsonMapper json = stack.context().getBean(JsonMapper.class);
            this.searchSql = positional(CatalogSql.SEARCH + " LIMIT " + PAGE_SIZE + " OFFSET 0", searchParameters);
            this.countSql = positional(CatalogSql.COUNT, countParameters);
            for (int i = 0; i < SHOPPERS; i++) {
                shopperIds[i] = "reader-" + i;
                String token = (String) json.readValue(send(HttpRequest.newBuilder(base.resolve("/api/dev/token"))
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString("{\"userId\":\"" + shopperIds[i] + "\",\"roles\":[\"shopper\"]}"))
                        .build()), Map.class).get("accessToken");
                tokens[i] = token;
                send(HttpRequest.newBuilder(base.resolve("/api/me/profile")).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString("{\"measurements\":{\"heightCm\":" + (150 + i % 40)
                                + ",\"waistCm\":70},\"usualSizes\":{\"dresses\":\"M\"},\"stylePreferences\":{\"colours\":[\"navy\"]}}"))
                        .build());
            }
        }

        /** One of the popular searches: after the first of each, answered from the search cache. */
        void apiSearch(int client) throws IOException, InterruptedException {
            search(popular(client));
        }

        /** A search no one made before (a price bound of its own): always a cache miss, so it runs the SQL. */
        void apiSearchUncached(int client) throws IOException, InterruptedException {
            search(distinct(client));
        }

        private static Object[] popular(int client) {
            return QUERIES.get(Math.floorMod(client + (int) System.nanoTime(), QUERIES.size()));
        }

        private static Object[] distinct(int client) {
            Object[] query = popular(client);
            int bound = query[2] == null ? 100_000 : (Integer) query[2];
            BigDecimal maxPrice = BigDecimal.valueOf(bound * 100L + ThreadLocalRandom.current().nextInt(100_000), 2);
            return new Object[] {query[0], query[1], maxPrice};
        }

        private void search(Object[] query) throws IOException, InterruptedException {
            StringBuilder uri = new StringBuilder("/api/products?inStock=true&pageSize=" + PAGE_SIZE);
            if (query[0] != null) {
                uri.append("&q=").append(URLEncoder.encode((String) query[0], StandardCharsets.UTF_8));
            }
            if (query[1] != null) {
                uri.append("&category=").append(query[1]);
            }
            if (query[2] != null) {
                uri.append("&maxPrice=").append(query[2]);
            }
            send(HttpRequest.newBuilder(base.resolve(uri.toString())).build());
        }

        void apiProfile(int client) throws IOException, InterruptedException {
            send(HttpRequest.newBuilder(base.resolve("/api/me/profile"))
                    .header("Authorization", "Bearer " + tokens[Math.floorMod(client, SHOPPERS)]).build());
        }

        /** The three statements {@code ProductCatalog.search} runs, in one read-only transaction. */
        void sqlSearch(int client) throws SQLException {
            Object[] query = distinct(client);
            Map<String, Object> values = new HashMap<>();
            values.put("text", query[0]);
            values.put("category", query[1]);
            values.put("colour", null);
            values.put("minPrice", null);
            values.put("maxPrice", query[2]);
            values.put("size", null);
            values.put("inStock", true);
            try (Connection connection = dataSource.getConnection()) {
                connection.setReadOnly(true);
                connection.setAutoCommit(false);
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement page = bind(connection.prepareStatement(searchSql), searchParameters, values);
                     ResultSet rows = page.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong("id"));
                    }
                }
                try (PreparedStatement count = bind(connection.prepareStatement(countSql), countParameters, values);
                     ResultSet rows = count.executeQuery()) {
                    rows.next();
                }
                if (!ids.isEmpty()) {
                    try (PreparedStatement sizes = connection.prepareStatement(sizesSql)) {
                        sizes.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                        try (ResultSet rows = sizes.executeQuery()) {
                            while (rows.next()) {
                                rows.getString("size");
                            }
                        }
                    }
                }
                connection.commit();
            }
        }

        /** The profile's select, as {@code ShopperProfiles.find} runs it. */
        void sqlProfile(int client) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement(profileSql)) {
                select.setString(1, shopperIds[Math.floorMod(client, SHOPPERS)]);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalStateException("no profile");
                    }
                    rows.getString("usual_sizes");
                }
            }
        }

        private String send(HttpRequest request) throws IOException, InterruptedException {
            var response = http.send(request, BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException(request.uri().getPath() + " answered " + response.statusCode());
            }
            return response.body();
        }

        /** The statement with {@code ?} for each named parameter, whose names go to {@code order}. */
        private static String positional(String named, List<String> order) {
            Matcher matcher = NAMED.matcher(named);
            StringBuilder sql = new StringBuilder();
            while (matcher.find()) {
                order.add(matcher.group(1));
                matcher.appendReplacement(sql, "?");
            }
            matcher.appendTail(sql);
            return sql.toString();
        }

        private static PreparedStatement bind(PreparedStatement statement, List<String> order, Map<String, Object> values)
                throws SQLException {
            for (int i = 0; i < order.size(); i++) {
                statement.setObject(i + 1, values.get(order.get(i)));
            }
            return statement;
        }
    }
}
