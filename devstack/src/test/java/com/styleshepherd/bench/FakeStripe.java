package com.styleshepherd.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stripe's PaymentIntents API as far as a checkout paid with {@code pm_card_visa} uses it, on loopback, for
 * the production worker jar ({@code stripe.api-base}): create-and-confirm, retrieve, confirm, cancel and
 * refund, with Stripe's idempotency (a request repeated with the same {@code Idempotency-Key} gets the first
 * answer and changes nothing). It keeps every intent, so a test counts the money as the provider sees it:
 * intents that took money and were not refunded, per checkout ({@code metadata[checkout_id]}).
 */
final class FakeStripe implements AutoCloseable {

    /** An intent as the provider keeps it. */
    record Intent(String id, String checkoutId, long amount, String currency, String status, boolean refunded) {

        /** Money taken and kept: a charge the shopper pays. */
        boolean charged() {
            return status.equals("succeeded") && !refunded;
        }
    }

    private final HttpServer server;
    private final Map<String, Intent> intents = new LinkedHashMap<>();
    private final Map<String, Answer> answered = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private record Answer(int status, String body) {
    }

    FakeStripe() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/", this::handle);
        server.start();
    }

    /** What the worker's {@code stripe.api-base} is set to. */
    String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every intent so far. */
    synchronized List<Intent> intents() {
        return new ArrayList<>(intents.values());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Answer answer;
            synchronized (this) {
                String remembered = key == null ? null : method + " " + path + " " + key;
                answer = remembered == null ? null : answered.get(remembered);
                if (answer == null) {
                    answer = answer(method, path, form);
                    if (remembered != null) {
                        answered.put(remembered, answer);
                    }
                }
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Request-Id", "req_fake_" + ids.incrementAndGet());
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private Answer answer(String method, String path, Map<String, String> form) {
        List<String> parts = List.of(path.substring("/v1/".length()).split("/"));
        if (method.equals("POST") && parts.equals(List.of("payment_intents"))) {
            String id = "pi_fake_" + ids.incrementAndGet();
            String status = form.getOrDefault("payment_method", "").startsWith("pm_card_visa") ? "succeeded"
                    : "requires_payment_method";
            return ok(save(new Intent(id, form.get("metadata[checkout_id]"), Long.parseLong(form.get("amount")),
                    form.get("currency"), status, false)));
        }
        if (method.equals("POST") && parts.equals(List.of("refunds"))) {
            Intent intent = intents.get(form.get("payment_intent"));
            if (intent == null || !intent.status().equals("succeeded")) {
                return error("charge_not_refundable", "No succeeded intent " + form.get("payment_intent"));
            }
            save(new Intent(intent.id(), intent.checkoutId(), intent.amount(), intent.currency(), intent.status(),
                    true));
            return new Answer(200, """
                    {"id":"re_fake_%d","object":"refund","amount":%d,"currency":"%s","payment_intent":"%s",\
                    "status":"succeeded"}""".formatted(ids.incrementAndGet(), intent.amount(), intent.currency(),
                    intent.id()));
        }
        Intent intent = parts.size() >= 2 && parts.getFirst().equals("payment_intents")
                ? intents.get(parts.get(1)) : null;
        if (intent == null) {
            return new Answer(404, """
                    {"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such intent"}}""");
        }
        if (method.equals("GET") && parts.size() == 2) {
            return ok(intent);
        }
        if (method.equals("POST") && parts.size() == 3 && parts.get(2).equals("confirm")) {
            return ok(save(new Intent(intent.id(), intent.checkoutId(), intent.amount(), intent.currency(),
                    "succeeded", false)));
        }
        if (method.equals("POST") && parts.size() == 3 && parts.get(2).equals("cancel")) {
            if (intent.status().equals("succeeded")) {
                return error("payment_intent_unexpected_state", intent.id() + " has succeeded");
            }
            return ok(save(new Intent(intent.id(), intent.checkoutId(), intent.amount(), intent.currency(),
                    "canceled", false)));
        }
        return new Answer(404, """
                {"error":{"type":"invalid_request_error","code":"resource_missing","message":"Unknown request"}}""");
    }

    private Intent save(Intent intent) {
        intents.put(intent.id(), intent);
        return intent;
    }

    private static Answer ok(Intent intent) {
        return new Answer(200, """
                {"id":"%s","object":"payment_intent","amount":%d,"currency":"%s","status":"%s",\
                "client_secret":"%s_secret_fake","livemode":false,"metadata":{"checkout_id":"%s"}}"""
                .formatted(intent.id(), intent.amount(), intent.currency(), intent.status(), intent.id(),
                        intent.checkoutId()));
    }

    private static Answer error(String code, String message) {
        return new Answer(400, """
                {"error":{"type":"invalid_request_error","code":"%s","message":"%s"}}""".formatted(code, message));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
