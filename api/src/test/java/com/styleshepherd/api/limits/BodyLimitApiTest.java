package com.styleshepherd.api.limits;

import static com.styleshepherd.api.checkout.CheckoutFixtures.bodyText;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.RawHttp;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every body has a limit, and a chunked body (no {@code Content-Length}) is held to it too: over it, the
 * answer is 413 problem+json with no internals, nothing is created, and the connection serves the next
 * request. Bodies are sent over a plain socket ({@link RawHttp}), slowly enough to arrive in pieces.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
class BodyLimitApiTest implements RealInfrastructure {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String BOUNDARY = "body-limit-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    EmbeddedServer server;

    @Inject
    BodyLimits limits;

    private String shopper;
    private String ops;
    private RawHttp raw;

    @BeforeAll
    void setUp() {
        shopper = tokens.shopper("limits-" + UUID.randomUUID());
        ops = tokens.ops("ops-" + UUID.randomUUID());
        raw = new RawHttp(server.getPort());
    }

    @Test
    void aChunkedBodyUnderTheLimitIsRead() {
        String buyerId = "strict-chunked-" + UUID.randomUUID();
        long dress = fixtures.dress(5);
        byte[] body = bodyText(dress, "\"M\"", "1", ",\"note\":\"" + "x".repeat(300_000) + "\"")
                .getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = raw.chunked("/api/checkouts", json(tokens.shopper(buyerId)), body);

        assertEquals(202, answer.status(), answer::toString);
        assertEquals(1, fixtures.checkoutsOf(buyerId));
    }

    @Test
    void aChunkedJsonBodyOverTheLimitIs413AndPlacesNothing() {
        String buyerId = "strict-big-" + UUID.randomUUID();
        long dress = fixtures.dress(5);
        byte[] body = bodyText(dress, "\"M\"", "1", ",\"note\":\"" + "x".repeat(2 * 1024 * 1024) + "\"")
                .getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = raw.chunked("/api/checkouts", json(tokens.shopper(buyerId)), body);

        assertEquals(413, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith(PROBLEM_JSON), answer::toString);
        assertNoInternals(answer.body());
        assertTrue(answer.body().contains("1048576"), answer.body());
        assertEquals(0, fixtures.checkoutsOf(buyerId));
        assertEquals(5, fixtures.stock(dress, "M"));
    }

    @Test
    void theConnectionServesTheNextRequestAfterARefusedChunkedBody() {
        byte[] body = ("{\"text\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        List<RawHttp.Answer> answers = raw.chunked("/api/me/memories",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + shopper), body,
                "/api/products?pageSize=1");

        assertEquals(413, answers.get(0).status(), answers::toString);
        assertEquals(200, answers.get(1).status(), answers::toString);
    }

    @Test
    void chunkedUploadsOverTheirLimitAre413() {
        byte[] image = multipart("image", "big.png", "image/png", new byte[9 * 1024 * 1024]);
        byte[] audio = multipart("audio", "long.wav", "audio/wav", new byte[3 * 1024 * 1024]);

        RawHttp.Answer visual = raw.chunked("/api/search/visual", Map.of("Content-Type", MULTIPART), image);
        RawHttp.Answer turn = raw.chunked("/api/conversations/" + UUID.randomUUID() + "/turns",
                Map.of("Content-Type", MULTIPART, "Authorization", "Bearer " + shopper), audio);

        for (RawHttp.Answer answer : List.of(visual, turn)) {
            assertEquals(413, answer.status(), answer::toString);
            assertTrue(answer.contentType().startsWith(PROBLEM_JSON), answer::toString);
            assertNoInternals(answer.body());
        }
    }

    @Test
    void aBodyOverTheServersOwnLimitIs413WithoutInternals() {
        byte[] file = multipart("file", "huge.jsonl", "application/octet-stream", new byte[65 * 1024 * 1024]);

        RawHttp.Answer answer = raw.chunked("/api/ops/products/import?format=jsonl",
                Map.of("Content-Type", MULTIPART, "Authorization", "Bearer " + ops), file);

        assertEquals(413, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith(PROBLEM_JSON), answer::toString);
        assertNoInternals(answer.body());
    }

    private static byte[] multipart(String part, String fileName, String type, byte[] content) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return body;
    }

    private static Map<String, String> json(String token) {
        return Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token,
                "Idempotency-Key", newKey());
    }

    /** No exception name, stack frame, setting or class name of ours or the framework's. */
    static void assertNoInternals(String body) {
        for (String internal : List.of("Exception", "\tat ", "at java.", "io.micronaut", "com.styleshepherd",
                "io.netty", "stackTrace", "max-request")) {
            assertFalse(body.contains(internal), "'" + internal + "' in " + body);
        }
    }

    /** The OpenAPI document states the limits this server holds: an upload's file size, and 1 MB for JSON. */
    @Test
    @SuppressWarnings("unchecked")
    void theDocumentStatesTheLimitsTheServerHolds() throws java.io.IOException {
        Map<String, Object> document;
        try (var in = getClass().getClassLoader().getResourceAsStream("META-INF/swagger/style-shepherd-0.1.yml")) {
            document = new org.yaml.snakeyaml.Yaml().load(in);
        }
        Map<String, Map<String, Object>> schemas = (Map<String, Map<String, Object>>)
                ((Map<String, Object>) document.get("components")).get("schemas");
        Map<String, List<String>> uploads = Map.of(
                "/api/search/visual", List.of("PictureUpload", "image"),
                "/api/ops/products/import", List.of("CatalogFile", "file"),
                "/api/conversations/" + UUID.randomUUID() + "/turns", List.of("SpokenTurn", "audio"));
        uploads.forEach((path, field) -> {
            Map<String, Object> properties = (Map<String, Object>) schemas.get(field.get(0)).get("properties");
            Number documented = (Number) ((Map<String, Object>) properties.get(field.get(1))).get("maxLength");
            assertEquals(limits.of(path) - BodyLimits.MULTIPART_MARGIN, documented.longValue(), path);
        });
        assertEquals(1_048_576, limits.of("/api/checkouts"));
        Map<String, Object> checkout = (Map<String, Object>) ((Map<String, Object>)
                ((Map<String, Object>) document.get("paths")).get("/api/checkouts")).get("post");
        String tooLarge = (String) ((Map<String, Object>) ((Map<String, Object>) checkout.get("responses")).get("413"))
                .get("description");
        assertTrue(tooLarge.contains("1,048,576 bytes") && tooLarge.contains("65,536 bytes"), tooLarge);
    }
}
