package com.styleshepherd.bench;

import com.styleshepherd.devstack.DevStack;
import com.styleshepherd.temporal.TemporalSettings;
import com.styleshepherd.workflows.checkout.CheckoutState;
import com.styleshepherd.workflows.checkout.CheckoutStatus;
import com.styleshepherd.workflows.checkout.CheckoutWorkflow;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Checkout throughput and latency on the dev stack, against the engine's ceiling.
 *
 * <p>Starts the dev stack in this JVM, as {@code MICRONAUT_ENVIRONMENTS=dev} does (embedded Temporal
 * test server, PostgreSQL and Redis, both workers, the local payment simulator), then runs
 * <ol>
 *   <li><b>checkout</b>: {@code bench.concurrency} shoppers in a closed loop, each sending
 *       {@code POST /api/checkouts} (two catalog items, {@code pm_card_visa}) and waiting until that
 *       checkout's workflow has completed (a client long-polling Temporal for the result);</li>
 *   <li><b>trivial</b>: the same number of clients starting a workflow of
 *       {@value #CHECKOUT_ACTIVITIES} no-op activities (the checkout's happy path runs 7) on identically
 *       built workers, and waiting for its result.</li>
 * </ol>
 * Rounds alternate the two so drift (JIT, GC, the in-memory engine's growing history store) hits both.
 * Prints the figures and writes them to {@code bench.report}.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -pl devstack -am -DskipTests verify} (see docs/performance.md).
 */
public final class CheckoutBenchmark {

    /** priceCart, collectReturnRiskSignals, assessReturnRisk, recordReturnRisk, reserveStock, chargePayment, placeOrder. */
    static final int CHECKOUT_ACTIVITIES = 7;
    static final int PRODUCTS = 40;
    static final double GOAL_RATIO = 0.8;
    static final double GOAL_P99_MS = 300;
    static final String SPEECH_WARM_UP = "styleshepherd.speech.local.warm-up";

    private CheckoutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = Integer.getInteger("bench.concurrency", 20);
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 15));
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.seconds", 60));
        int rounds = Integer.getInteger("bench.rounds", 6);
        Path report = Path.of(System.getProperty("bench.docs", "docs/benchmarks")).resolve("checkout.md");

        // No checkout speaks: the gpu worker's speech warm-up (a fifth of a core for a minute, compiling the
        // Sphinx4 grammar; docs/benchmarks.md) would only be measured against the checkouts.
        if (System.getProperty(SPEECH_WARM_UP) == null) {
            System.setProperty(SPEECH_WARM_UP, "false");
        }
        DevStackRun stack = DevStackRun.start(CheckoutBenchmark.class, args);
        ApplicationContext context = stack.context();
        int exit = 0;
        try (EngineCeiling ceiling = new EngineCeiling(context.getBean(WorkflowClient.class), context.getBean(TemporalSettings.class))) {
            Shoppers shoppers = new Shoppers(context, concurrency);
            ClosedLoop.Operation checkout = shoppers::checkOut;
            ClosedLoop.Operation trivial = client -> ceiling.runOne(CHECKOUT_ACTIVITIES);

            if (Boolean.getBoolean("bench.profile-checkout")) {
                // Checkout load only, for a profiler attached to this JVM (e.g. -XX:StartFlightRecording).
                ClosedLoop.Result only = ClosedLoop.run("checkout", concurrency, warmup.plus(measure), checkout);
                System.out.printf(Locale.ROOT, "checkout only: %.1f/s p50 %.0f ms p99 %.0f ms%n",
                        only.throughput(), only.millis(50), only.millis(99));
                return;
            }
            System.out.printf("Warm-up: %d s of each workload%n", warmup.toSeconds());
            ClosedLoop.run("trivial", concurrency, warmup, trivial);
            ClosedLoop.run("checkout", concurrency, warmup, checkout);

            shoppers.accepted.reset();
            ClosedLoop.Result trivialTotal = null;
            ClosedLoop.Result checkoutTotal = null;
            List<double[]> perRound = new ArrayList<>();
            Map<String, Duration> checkoutCpu = new LinkedHashMap<>();
            Map<String, Duration> trivialCpu = new LinkedHashMap<>();
            Duration slice = measure.dividedBy(rounds);
            for (int round = 1; round <= rounds; round++) {
                System.out.printf("Round %d of %d: %d s of each workload%n", round, rounds, slice.toSeconds());
                ProcessCpu.Sample start = ProcessCpu.sample();
                ClosedLoop.Result t = ClosedLoop.run("trivial", concurrency, slice, trivial);
                ProcessCpu.Sample middle = ProcessCpu.sample();
                ClosedLoop.Result c = ClosedLoop.run("checkout", concurrency, slice, checkout);
                ProcessCpu.Sample end = ProcessCpu.sample();
                middle.since(start).forEach((role, used) -> trivialCpu.merge(role, used, Duration::plus));
                end.since(middle).forEach((role, used) -> checkoutCpu.merge(role, used, Duration::plus));
                perRound.add(new double[] {c.throughput(), t.throughput(), c.millis(99), t.millis(99)});
                trivialTotal = trivialTotal == null ? t : trivialTotal.plus(t);
                checkoutTotal = checkoutTotal == null ? c : checkoutTotal.plus(c);
            }
            String text = report(concurrency, warmup, measure, rounds, checkoutTotal, trivialTotal,
                    shoppers.accepted.getIntervalHistogram(), stack, perRound, checkoutCpu, trivialCpu);
            System.out.println(text);
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, text);
            System.out.println("Written to " + report.toAbsolutePath().normalize());
            if (checkoutTotal.errors() > 0 || trivialTotal.errors() > 0) {
                exit = 1;
            }
        } finally {
            stack.close();
        }
        System.exit(exit);
    }

    static String report(int concurrency, Duration warmup, Duration measure, int rounds,
            ClosedLoop.Result checkout, ClosedLoop.Result trivial, Histogram accepted, DevStackRun stack,
            List<double[]> perRound, Map<String, Duration> checkoutCpu, Map<String, Duration> trivialCpu) {
        double ratio = checkout.throughput() / trivial.throughput();
        double p99 = checkout.millis(99);
        StringBuilder out = new StringBuilder();
        out.append("# Checkout benchmark: latest run\n\n");
        out.append("Written by `./mvnw -q -Pbench -pl devstack -am -DskipTests verify`; see [../performance.md](../performance.md).\n\n");
        out.append(String.format(Locale.ROOT, "- when: %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        out.append(String.format(Locale.ROOT, "- machine: %d cores, %s %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20));
        out.append(String.format(Locale.ROOT, "- load: %d concurrent clients per workload, closed loop; warm-up %d s each;"
                + " measured %d s each in %d alternating rounds%n", concurrency, warmup.toSeconds(), measure.toSeconds(), rounds));
        out.append(String.format(Locale.ROOT, "- stack: dev (Temporal: %s; PostgreSQL, Redis; both workers and the api in"
                + " one JVM; local payment simulator), client in the same JVM%n", stack.setting(DevStack.TEMPORAL_PROPERTY)));
        out.append(String.format(Locale.ROOT, "- workers: %s pollers per task queue, sticky execution %s%n%n",
                Objects.requireNonNullElse(stack.setting("temporal.task-pollers"), "5 (the SDK's default)"),
                Objects.requireNonNullElse(stack.setting("temporal.sticky-execution"), "true")));
        out.append("| workload | completed | errors | throughput (/s) | p50 ms | p90 ms | p99 ms | max ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        out.append(row("checkout: POST /api/checkouts → workflow of " + CHECKOUT_ACTIVITIES + " activities completed",
                checkout.completed(), checkout.errors(), checkout.throughput(), checkout.latencies()));
        out.append(row("↳ of which POST /api/checkouts → 202", accepted.getTotalCount(), 0, Double.NaN, accepted));
        out.append(row("trivial workflow of " + CHECKOUT_ACTIVITIES + " no-op activities",
                trivial.completed(), trivial.errors(), trivial.throughput(), trivial.latencies()));
        out.append(String.format(Locale.ROOT, "%n- throughput ratio checkout / trivial: **%.2f** (goal ≥ %.1f: %s)%n",
                ratio, GOAL_RATIO, ratio >= GOAL_RATIO ? "met" : "NOT met"));
        out.append(String.format(Locale.ROOT, "- checkout p99: **%.0f ms** (goal < %.0f ms: %s)%n",
                p99, GOAL_P99_MS, p99 < GOAL_P99_MS ? "met" : "NOT met"));
        out.append(cpuTable(checkout.completed(), checkoutCpu, trivial.completed(), trivialCpu));
        // The embedded test server slows down as finished workflows pile up in it (docs/performance.md):
        // rounds alternate the workloads so both see the same engine, and the ratio is per round too.
        out.append("\n| round | checkout /s | trivial /s | ratio | checkout p99 ms | trivial p99 ms |\n");
        out.append("|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < perRound.size(); i++) {
            double[] r = perRound.get(i);
            out.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.2f | %.0f | %.0f |%n",
                    i + 1, r[0], r[1], r[0] / r[1], r[2], r[3]));
        }
        for (ClosedLoop.Result r : List.of(checkout, trivial)) {
            if (r.firstError() != null) {
                out.append("- first ").append(r.workload()).append(" error: `").append(r.firstError()).append("`\n");
            }
        }
        return out.toString();
    }

    /** CPU-milliseconds per completed workflow, per process, over the measured rounds. */
    static String cpuTable(long checkouts, Map<String, Duration> checkoutCpu, long trivials, Map<String, Duration> trivialCpu) {
        StringBuilder out = new StringBuilder("\n| CPU ms per completed workflow | checkout | trivial |\n|---|---:|---:|\n");
        ProcessCpu.PerUnit checkout = ProcessCpu.PerUnit.of(checkoutCpu, checkouts);
        ProcessCpu.PerUnit trivial = ProcessCpu.PerUnit.of(trivialCpu, trivials);
        for (String role : ProcessCpu.ROLES) {
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", role, checkout.byRole().get(role),
                    trivial.byRole().get(role)));
        }
        out.append(String.format(Locale.ROOT, "| **all processes** | **%.1f** | **%.1f** |%n", checkout.total(),
                trivial.total()));
        return out.toString();
    }

    private static String row(String name, long completed, long errors, double throughput, Histogram micros) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %s | %.0f | %.0f | %.0f | %.0f |%n", name, completed, errors,
                Double.isNaN(throughput) ? "" : String.format(Locale.ROOT, "%.1f", throughput),
                micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(90) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }

    /** The shoppers: a dev token each, and the catalog they buy from, set up through the public API. */
    static final class Shoppers {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final WorkflowClient workflows;
        private final JsonMapper json;
        private final URI base;
        private final String[] tokens;
        private final long[] products = new long[PRODUCTS];
        /** POST /api/checkouts until its 202, in microseconds: what the shopper waits for first. */
        final Recorder accepted = new Recorder(3);

        Shoppers(ApplicationContext context, int count) throws IOException, InterruptedException {
            this.workflows = context.getBean(WorkflowClient.class);
            this.json = context.getBean(JsonMapper.class);
            this.base = context.getBean(EmbeddedServer.class).getURI();
            String ops = token("bench-ops", "ops");
            String run = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < PRODUCTS; i++) {
                String sku = "BENCH-" + run + "-" + i;
                Map<String, Object> saved = call(HttpRequest.newBuilder(base.resolve("/api/ops/products/" + sku))
                        .header("Authorization", "Bearer " + ops)
                        .header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString(json.writeValueAsString(Map.of(
                                "name", "Bench Tee " + i, "description", "A T-shirt bought by the benchmark",
                                "category", "tops", "price", "25.00", "currency", "USD",
                                "sizes", List.of(Map.of("size", "M", "stock", 1_000_000),
                                        Map.of("size", "L", "stock", 1_000_000))))))
                        .build(), 200, 201);
                products[i] = ((Number) saved.get("id")).longValue();
            }
            tokens = new String[count];
            for (int i = 0; i < count; i++) {
                tokens[i] = token("bench-shopper-" + i, "shopper");
            }
        }

        /** One checkout, from the POST to the workflow's completion. */
        void checkOut(int shopper) throws Exception {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int first = random.nextInt(PRODUCTS);
            int second = (first + 1 + random.nextInt(PRODUCTS - 1)) % PRODUCTS;
            String key = UUID.randomUUID().toString();
            String body = json.writeValueAsString(Map.of(
                    "items", List.of(Map.of("productId", products[first], "size", "M", "quantity", 1),
                            Map.of("productId", products[second], "size", "L", "quantity", 1)),
                    "paymentMethod", "pm_card_visa",
                    "shippingAddress", Map.of("name", "Bench Shopper", "line1", "1 Load Street", "city", "London",
                            "postalCode", "N1 9GU", "country", "GB")));
            long began = System.nanoTime();
            call(HttpRequest.newBuilder(base.resolve("/api/checkouts"))
                    .header("Authorization", "Bearer " + tokens[shopper])
                    .header("Idempotency-Key", key)
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(body))
                    .build(), 202);
            accepted.recordValue((System.nanoTime() - began) / 1000);
            // The API's contract: the workflow id is checkout-{the shopper's Idempotency-Key}.
            CheckoutState done = workflows.newUntypedWorkflowStub(CheckoutWorkflow.workflowId(
                    CheckoutWorkflow.shopperKey("bench-shopper-" + shopper, key))).getResult(CheckoutState.class);
            if (done.status() != CheckoutStatus.COMPLETED) {
                throw new IllegalStateException("checkout ended " + done.status() + " " + done.failureReason());
            }
        }

        private String token(String userId, String role) throws IOException, InterruptedException {
            Map<String, Object> issued = call(HttpRequest.newBuilder(base.resolve("/api/dev/token"))
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(json.writeValueAsString(
                            Map.of("userId", userId, "roles", List.of(role)))))
                    .build(), 200);
            return (String) issued.get("accessToken");
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> call(HttpRequest request, int... expected) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return json.readValue(response.body(), Map.class);
                }
            }
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }
}
