package com.styleshepherd.api.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.net.Webhook;
import com.styleshepherd.api.RawHttp;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Whatever is wrong with a request (its JSON, its media type, its URL, its headers, its method, a webhook's
 * signature or payload, an uploaded picture), the answer is a 4xx problem+json whose body carries no exception
 * text, stack frame, class, setting or Java parameter name.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorBodiesApiTest implements RealInfrastructure {

    /** What must never be in an answer: exception and class names, stack frames, settings, parameter names. */
    static final List<String> INTERNALS = List.of("Exception", "\tat ", "at java.", "java.", "io.micronaut",
            "com.styleshepherd", "io.netty", "jackson", "Jackson", "serde", "Serde", "max-request",
            "[command]", "\"command\"", "\"memory\"", "\"profile\"");

    @Inject
    EmbeddedServer server;

    @Inject
    Tokens tokens;

    private RawHttp raw;
    private String shopper;

    @BeforeAll
    void setUp() {
        raw = new RawHttp(server.getPort());
        shopper = tokens.shopper("errors-" + UUID.randomUUID());
    }

    @Test
    void badRequestsAreProblemsWithoutInternals() {
        Map<String, RawHttp.Answer> answers = new LinkedHashMap<>();
        answers.put("malformed JSON", send("POST", "/api/checkouts", "application/json", "{\"items\":[{"));
        answers.put("not JSON at all", send("POST", "/api/checkouts", "application/json", "{not json"));
        answers.put("not JSON by type", send("POST", "/api/checkouts", "text/plain", "items please"));
        answers.put("no body", send("POST", "/api/checkouts", "application/json", ""));
        answers.put("a list for an object", send("POST", "/api/me/memories", "application/json", "[]"));
        answers.put("a string for an object", send("PUT", "/api/me/profile", "application/json", "\"me\""));
        answers.put("deeply nested", send("POST", "/api/me/memories", "application/json",
                "{\"metadata\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        answers.put("a 2000-digit number", send("POST", "/api/returns", "application/json",
                "{\"quantity\":" + "9".repeat(2000) + "}"));
        answers.put("a huge exponent", send("PUT", "/api/me/profile", "application/json",
                "{\"budget\":{\"min\":1e999999999,\"currency\":\"EUR\"}}"));
        answers.put("a string for an object field", send("PUT", "/api/me/profile", "application/json",
                "{\"measurements\":\"tall\"}"));
        answers.put("bad UTF-8", send("POST", "/api/me/memories", "application/json",
                new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, '(', '"', '}'}));
        answers.put("bad percent-encoding", raw.exchange("GET /api/products?q=%ZZ HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"));
        answers.put("not a UUID", send("GET", "/api/orders/not-a-uuid", null, ""));
        answers.put("a 20 KB header", raw.exchange("GET /api/products HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "x".repeat(20_000) + "\r\nConnection: close\r\n\r\n"));
        answers.put("an unknown method", send("BREW", "/api/products", null, ""));
        answers.put("a wrong method", send("DELETE", "/api/products", null, ""));
        answers.put("no such path", send("GET", "/api/nothing-here", null, ""));
        answers.put("XML only", raw.exchange("GET /api/products HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: application/xml\r\nConnection: close\r\n\r\n"));
        answers.put("a signed webhook that is not JSON", webhook("not json", "whsec_test_only_secret"));
        answers.put("a webhook signed by someone else", webhook("{\"id\":\"evt_1\"}", "whsec_someone_else"));
        byte[] damaged = new byte[64];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, damaged, 0, 8);
        answers.put("a damaged picture", upload("/api/search/visual", "image", "broken.png", damaged));

        List<String> wrong = new ArrayList<>();
        answers.forEach((what, answer) -> {
            if (answer.status() < 400 || answer.status() >= 500) {
                wrong.add(what + ": status " + answer.status() + " " + answer.body());
            }
            if (!answer.contentType().startsWith("application/problem+json")) {
                wrong.add(what + ": " + answer.contentType() + " " + answer.body());
            }
            for (String internal : INTERNALS) {
                if (answer.body().contains(internal)) {
                    wrong.add(what + ": '" + internal + "' in " + answer.body());
                }
            }
        });
        assertEquals(List.of(), wrong);
        assertEquals(431, answers.get("a 20 KB header").status(), answers.get("a 20 KB header")::toString);
    }

    /** A URL over 4 KB is 414 URI Too Long, not a body's 413; the connection is closed, the server serves on. */
    @Test
    void aUrlTooLongToReadIsUriTooLong() {
        RawHttp.Answer answer = raw.exchange("GET /api/products?q=" + "x".repeat(5000) + " HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\n\r\n");
        assertEquals(414, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::toString);
        assertEquals(200, raw.exchange("GET /api/products?pageSize=1 HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n").status());
    }

    private RawHttp.Answer webhook(String payload, String secret) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        String signature;
        try {
            signature = Webhook.Signature.generateSignatureHeader(payload, secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return raw.exchange("POST /api/webhooks/stripe HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nStripe-Signature: " + signature + "\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n", body);
    }

    private RawHttp.Answer upload(String path, String part, String fileName, byte[] content) {
        String boundary = "error-bodies";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send("POST", path, "multipart/form-data; boundary=" + boundary, body);
    }

    private RawHttp.Answer send(String method, String path, String type, String body) {
        return send(method, path, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp.Answer send(String method, String path, String type, byte[] body) {
        return raw.exchange(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + shopper
                + "\r\nIdempotency-Key: " + UUID.randomUUID() + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\nContent-Length: " + body.length + "\r\n")
                + "Connection: close\r\n\r\n", body);
    }
}
