package com.styleshepherd.bench;

import com.styleshepherd.api.security.OidcIssuer;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Simulated shoppers in a closed loop against the api, as a frontend calls it: each browses the catalog,
 * opens products, reads their profile and orders, and now and then buys one unit of a product. A purchase
 * has its own {@code Idempotency-Key}; an answer that is not final (503, a timeout, a broken connection) is
 * retried later with the same key, after {@code Retry-After}, until the api answers 202 (accepted) or 409
 * (out of stock). Every call is kept ({@link Call}): when it started and ended, its status, and whether an
 * error answer was not {@code application/problem+json} or showed internals.
 */
final class FaultLoad {

    /** The status of a call that got no answer within {@link #CALL_TIMEOUT}. */
    static final int TIMEOUT = -1;
    /** The status of a call whose connection failed. */
    static final int BROKEN = -2;
    /** How long a shopper waits for any answer (a frontend's timeout). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** What an error answer must never show: exception names, stack frames, drivers, server addresses. */
    static final Pattern INTERNALS = Pattern.compile("(?i)exception|stack ?trace|caused by"
            + "|\\bat [a-z0-9_$]+\\.[a-z0-9_$.]+\\(|org\\.postgresql|io\\.lettuce|io\\.grpc|io\\.temporal"
            + "|hikari|jdbc:|sqlstate|redis://|localhost:\\d+");
    /** The problem types of a dependency that is down: each 503 must have one, and {@code Retry-After}. */
    static final Pattern OUTAGE_TYPE = Pattern.compile(
            "\"type\"\\s*:\\s*\"/problems/(database|cache|workflow-engine)-unavailable\"");

    /** What the shoppers call. */
    enum Endpoint {
        CATALOG("GET /api/products?category="),
        PRODUCT("GET /api/products/{id}"),
        PROFILE("GET /api/me/profile"),
        ORDERS("GET /api/orders"),
        CHECKOUT("POST /api/checkouts"),
        CHECKOUT_STATUS("GET /api/checkouts/{id}");

        final String label;

        Endpoint(String label) {
            this.label = label;
        }
    }

    /**
     * One call: its start and end ({@link System#nanoTime()}), the status ({@link #TIMEOUT}, {@link #BROKEN}
     * when there was none), and what was wrong with an error answer, or null.
     */
    record Call(Endpoint endpoint, long start, long end, int status, String defect) {

        double millis() {
            return (end - start) / 1e6;
        }

        /** Whether the call was in flight at any time between {@code from} and {@code to}. */
        boolean overlaps(long from, long to) {
            return start < to && end > from;
        }
    }

    /** Where a purchase stands for the shopper. */
    enum Answer {
        /** No final answer yet: the shopper will try again with the same key. */
        UNANSWERED,
        /** 202: the checkout exists and runs. */
        ACCEPTED,
        /** 409 when it was opened: not enough stock, nothing reserved or charged. */
        OUT_OF_STOCK,
        /** Another 4xx: the api refused the request itself (a defect of the suite or the api). */
        REFUSED
    }

    /** One purchase a shopper means to make, under one idempotency key. */
    static final class Intent {
        final String key;
        final int shopper;
        final long productId;
        volatile Answer answer = Answer.UNANSWERED;
        volatile String checkoutId;
        volatile String status;
        volatile long retryAt;
        volatile int tries;

        Intent(String key, int shopper, long productId) {
            this.key = key;
            this.shopper = shopper;
            this.productId = productId;
        }
    }

    private final URI api;
    private final OidcIssuer issuer;
    private final JsonMapper json = JsonMapper.createDefault();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String keyPrefix;
    private final String category;
    private final List<Long> browsed;
    private final List<Long> plentiful;
    private final long scarce;
    private final double scarceShare;
    private final int shoppers;
    private final Map<Integer, String[]> tokens = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Intent> intents = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private ExecutorService pool;

    /**
     * @param keyPrefix starts every idempotency key of this load (the suite finds its checkouts by it)
     * @param category the catalog category shoppers browse
     * @param browsed products shoppers open
     * @param scarce the product with less stock than buyers
     * @param scarceShare the share of purchases that are for {@code scarce}
     * @param plentiful products with stock for every buyer
     */
    FaultLoad(URI api, OidcIssuer issuer, int shoppers, String keyPrefix, String category, List<Long> browsed,
            long scarce, double scarceShare, List<Long> plentiful) {
        this.api = api;
        this.issuer = issuer;
        this.shoppers = shoppers;
        this.keyPrefix = keyPrefix;
        this.category = category;
        this.browsed = browsed;
        this.scarce = scarce;
        this.scarceShare = scarceShare;
        this.plentiful = plentiful;
    }

    /** The shopper's user id (the token's subject). */
    static String shopperId(int shopper) {
        return "fault-shopper-" + shopper;
    }

    /** Starts the shoppers; they run until {@link #stop()}. */
    void start() {
        running = true;
        pool = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < shoppers; i++) {
            int shopper = i;
            pool.submit(() -> shop(shopper));
        }
    }

    /** Stops the shoppers after the calls they are making; purchases without an answer stay open. */
    void stop() throws InterruptedException {
        running = false;
        pool.shutdown();
        if (!pool.awaitTermination(CALL_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the shoppers did not stop");
        }
    }

    /**
     * As the shoppers' frontends would: tries every purchase without an answer again, with its key, until the
     * api answers it or {@code limit} is over. These calls are kept like the others.
     */
    void settleOpenPurchases(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<Intent> open = intents.stream().filter(intent -> intent.answer == Answer.UNANSWERED).toList();
            if (open.isEmpty()) {
                return;
            }
            try (ExecutorService retries = Executors.newVirtualThreadPerTaskExecutor()) {
                open.forEach(intent -> retries.submit(() -> buy(intent)));
            }
            Thread.sleep(1_000);
        }
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    List<Intent> intents() {
        return new ArrayList<>(intents);
    }

    private void shop(int shopper) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Intent open = null;
        String lastCheckout = null;
        while (running) {
            try {
                Thread.sleep(random.nextLong(100, 400));
                if (open != null && open.answer != Answer.UNANSWERED) {
                    lastCheckout = open.checkoutId != null ? open.checkoutId : lastCheckout;
                    open = null;
                }
                if (open != null) {
                    if (System.currentTimeMillis() >= open.retryAt) {
                        buy(open);
                    }
                    continue;
                }
                double pick = random.nextDouble();
                if (pick < 0.08) {
                    long product = random.nextDouble() < scarceShare ? scarce
                            : plentiful.get(random.nextInt(plentiful.size()));
                    open = new Intent(keyPrefix + UUID.randomUUID(), shopper, product);
                    intents.add(open);
                    buy(open);
                } else if (pick < 0.18 && lastCheckout != null) {
                    call(Endpoint.CHECKOUT_STATUS, shopper, get("/api/checkouts/" + lastCheckout));
                } else if (pick < 0.55) {
                    call(Endpoint.CATALOG, null, get("/api/products?category=" + category + "&page="
                            + random.nextInt(1, 3) + "&pageSize=20"));
                } else if (pick < 0.70) {
                    call(Endpoint.PRODUCT, null, get("/api/products/" + browsed.get(random.nextInt(browsed.size()))));
                } else if (pick < 0.85) {
                    call(Endpoint.PROFILE, shopper, get("/api/me/profile"));
                } else {
                    call(Endpoint.ORDERS, shopper, get("/api/orders?page=1&pageSize=10"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A defect of the suite itself: say so, and keep shopping.
                System.err.println("shopper " + shopper + ": " + e);
            }
        }
    }

    /** One try at a purchase: POST /api/checkouts with its key. */
    private void buy(Intent intent) {
        Map<String, Object> body = Map.of(
                "items", List.of(Map.of("productId", intent.productId, "size", "M", "quantity", 1)),
                "paymentMethod", "pm_card_visa",
                "shippingAddress", Map.of("name", "Fault Shopper", "line1", "1 Outage Road", "city", "London",
                        "postalCode", "N1 9GU", "country", "GB"));
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve("/api/checkouts"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", intent.key)
                .POST(BodyPublishers.ofString(write(body)));
        intent.tries++;
        Optional<HttpResponse<String>> reply = call(Endpoint.CHECKOUT, intent.shopper, request);
        int status = reply.map(HttpResponse::statusCode).orElse(TIMEOUT);
        if (status == 202) {
            intent.checkoutId = (String) read(reply.get().body()).get("checkoutId");
            intent.answer = Answer.ACCEPTED;
        } else if (status == 409) {
            intent.answer = Answer.OUT_OF_STOCK;
        } else if (status >= 400 && status < 500 && status != 429) {
            intent.answer = Answer.REFUSED;
            System.err.println("purchase " + intent.key + " refused: " + status + " " + reply.get().body());
        } else {
            // 503, 429, a 500, a timeout or a broken connection: later, with the same key.
            long wait = reply.flatMap(answer -> answer.headers().firstValue("Retry-After"))
                    .map(seconds -> Math.min(5_000L, Long.parseLong(seconds) * 1000)).orElse(1_000L);
            intent.retryAt = System.currentTimeMillis() + wait;
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(api.resolve(path)).GET();
    }

    /** Sends the request (as the shopper, when there is one) and keeps the call; empty when no answer came. */
    private Optional<HttpResponse<String>> call(Endpoint endpoint, Integer shopper, HttpRequest.Builder request) {
        if (shopper != null) {
            request.header("Authorization", "Bearer " + token(shopper));
        }
        request.timeout(CALL_TIMEOUT);
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
            calls.add(new Call(endpoint, start, System.nanoTime(), response.statusCode(), defect(response)));
            return Optional.of(response);
        } catch (HttpTimeoutException e) {
            calls.add(new Call(endpoint, start, System.nanoTime(), TIMEOUT, null));
        } catch (IOException e) {
            calls.add(new Call(endpoint, start, System.nanoTime(), BROKEN, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /**
     * What is wrong with an answer: an error that is not problem+json or shows internals, or a 503 without
     * {@code Retry-After} or an outage's problem type.
     */
    static String defect(HttpResponse<String> response) {
        if (response.statusCode() < 400) {
            return null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return response.statusCode() + " as " + (type.isEmpty() ? "no content type" : type) + ": "
                    + abbreviate(response.body());
        }
        if (INTERNALS.matcher(response.body()).find()) {
            return response.statusCode() + " shows internals: " + abbreviate(response.body());
        }
        if (response.statusCode() == 503 && (response.headers().firstValue("Retry-After").isEmpty()
                || !OUTAGE_TYPE.matcher(response.body()).find())) {
            return "503 without Retry-After or an outage's problem type: " + abbreviate(response.body());
        }
        return null;
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

    /** The shopper's access token, signed by the provider; a new one every five minutes (they last ten). */
    private String token(int shopper) {
        long now = System.currentTimeMillis();
        String[] held = tokens.get(shopper);
        if (held == null || now - Long.parseLong(held[1]) > Duration.ofMinutes(5).toMillis()) {
            held = new String[] {issuer.token(shopperId(shopper), List.of("shopper")), String.valueOf(now)};
            tokens.put(shopper, held);
        }
        return held[0];
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String body) {
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
