package com.styleshepherd.api.input;

import static com.styleshepherd.api.checkout.CheckoutFixtures.bodyText;
import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The input contract over HTTP: a JSON value of the wrong kind ({@code "quantity": 1.5}, {@code "2"}), an
 * unknown enumerated value and an over-long string or list are each a 400 problem+json naming the field, and
 * change nothing.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
class StrictInputApiTest implements RealInfrastructure {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    JsonMapper json;

    private String shopperId;
    private String shopper;
    private String ops;

    @BeforeAll
    void setUp() {
        shopperId = "strict-" + UUID.randomUUID();
        shopper = tokens.shopper(shopperId);
        ops = tokens.ops("ops-" + UUID.randomUUID());
    }

    @Test
    void aQuantityMustBeAWholeJsonNumberAndARefusedCheckoutChangesNothing() {
        long dress = fixtures.dress(5);

        for (String quantity : List.of("1.5", "\"2\"", "1.0", "1e0", "true", "[1]", "{}")) {
            Reply reply = api.post("/api/checkouts", shopper, bodyText(dress, "\"M\"", quantity, ""), key(newKey()));
            assertEquals(400, reply.status(), quantity + ": " + reply);
            assertTrue(reply.contentType().startsWith(PROBLEM_JSON), reply::toString);
            assertEquals(List.of("items[0].quantity"), reply.violatedFields(), quantity + ": " + reply);
            assertTrue(String.valueOf(reply.violations().getFirst().get("message"))
                    .startsWith("must be a whole number"), reply::toString);
        }
        Reply quotedId = api.post("/api/checkouts", shopper, bodyText(dress, "\"M\"", "1", "")
                .replace("\"productId\":" + dress, "\"productId\":\"" + dress + "\""), key(newKey()));
        assertEquals(400, quotedId.status(), quotedId::toString);
        assertEquals(List.of("items[0].productId"), quotedId.violatedFields());
        Reply numericSize = api.post("/api/checkouts", shopper, bodyText(dress, "38", "1", ""), key(newKey()));
        assertEquals(400, numericSize.status(), numericSize::toString);
        assertEquals(List.of("items[0].size"), numericSize.violatedFields());
        assertEquals("must be a string, not a number", numericSize.violations().getFirst().get("message"));

        assertEquals(5, fixtures.stock(dress, "M"));
        assertEquals(0, fixtures.checkoutsOf(shopperId));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anImportedRowIsHeldToTheSameRulesAndItsRejectionNamesNoJavaType() {
        String sku = "STRICT-" + UUID.randomUUID().toString().substring(0, 8);
        String row = "{\"sku\":\"" + sku + "\",\"name\":\"Numeric Price Scarf\",\"description\":\"Scarf\","
                + "\"category\":\"accessories\",\"price\":10.5,\"currency\":\"EUR\",\"sizes\":[{\"size\":\"M\","
                + "\"stock\":1.5}]}";

        Reply report = api.upload("/api/ops/products/import?format=jsonl", ops, "file", "rows.jsonl",
                MediaType.APPLICATION_OCTET_STREAM_TYPE, row.getBytes(StandardCharsets.UTF_8));

        assertEquals(200, report.status(), report::toString);
        List<Map<String, Object>> rejections = (List<Map<String, Object>>) report.body().get("rejections");
        assertEquals(1, rejections.size(), report::toString);
        String reason = (String) rejections.getFirst().get("reason");
        assertTrue(reason.equals("is not a product as JSON: price must be a string, not a number")
                || reason.equals("is not a product as JSON: sizes[0].stock must be a whole number, without a decimal"
                        + " point or exponent"), reason);
        assertEquals(0, ((Number) report.body().get("created")).intValue(), report::toString);
    }

    /** Primitive fields (none in today's bodies) are held to the same rules as boxed ones. */
    @Serdeable
    record Primitives(int count, long total, boolean flag, double ratio) {
    }

    @Test
    void primitivesAreStrictToo() throws Exception {
        assertEquals(new Primitives(1, 2, true, 0.5),
                json.readValue("{\"count\":1,\"total\":2,\"flag\":true,\"ratio\":0.5}", Primitives.class));
        for (String body : List.of("{\"count\":1.5}", "{\"count\":\"1\"}", "{\"total\":\"2\"}",
                "{\"total\":1e3}", "{\"flag\":\"true\"}", "{\"flag\":1}", "{\"ratio\":\"0.5\"}",
                "{\"count\":2147483648}")) {
            IOException refused = assertThrows(IOException.class, () -> json.readValue(body, Primitives.class), body);
            assertTrue(causes(refused).stream().anyMatch(RefusedJsonValue.class::isInstance), body + ": " + refused);
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    @Test
    void aDecimalIsAJsonNumberNotAString() {
        Reply reply = api.put("/api/me/profile", tokens.shopper("strict-profile-" + UUID.randomUUID()),
                Map.of("measurements", Map.of("heightCm", "170")));

        assertEquals(400, reply.status(), reply::toString);
        assertEquals(List.of("measurements.heightCm"), reply.violatedFields());
        assertEquals("must be a number, not a string", reply.violations().getFirst().get("message"));
    }

    @Test
    void anUnknownEnumeratedValueIsRefusedNamingTheField() {
        Reply reason = api.post("/api/returns", shopper, Map.of("orderId", UUID.randomUUID().toString(),
                "lineId", UUID.randomUUID().toString(), "reason", "BROKEN"));
        Reply lowerCase = api.post("/api/returns", shopper, Map.of("orderId", UUID.randomUUID().toString(),
                "lineId", UUID.randomUUID().toString(), "reason", "too_small"));
        Reply status = api.post("/api/ops/orders/" + UUID.randomUUID() + "/shipments/" + UUID.randomUUID() + "/events",
                ops, Map.of("step", "LOST"));

        assertEquals(400, reason.status(), reason::toString);
        assertEquals(List.of("reason"), reason.violatedFields());
        assertEquals(400, lowerCase.status(), lowerCase::toString);
        assertEquals(List.of("reason"), lowerCase.violatedFields());
        assertEquals(400, status.status(), status::toString);
        assertEquals(List.of("step"), status.violatedFields());
    }

    @Test
    void overLongStringsAndListsAreRefusedAndChangeNothing() {
        String owner = tokens.shopper("strict-memories-" + UUID.randomUUID());
        long dress = fixtures.dress(5);

        Reply longText = api.post("/api/me/memories", owner, Map.of("type", "fact", "text", "x".repeat(4001)));
        List<Map<String, Object>> memories = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            memories.add(Map.of("type", "fact", "text", "fact " + i));
        }
        Reply longBatch = api.post("/api/me/memories/batch", owner, Map.of("memories", memories));
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            items.append(i == 0 ? "" : ",").append("{\"productId\":").append(dress)
                    .append(",\"size\":\"M\",\"quantity\":1}");
        }
        Reply longCart = api.post("/api/checkouts", shopper, bodyText(dress, "\"M\"", "1", "")
                .replaceFirst("\"items\":\\[[^]]*]", "\"items\":[" + items + "]"), key(newKey()));

        assertEquals(400, longText.status(), longText::toString);
        assertEquals(List.of("text"), longText.violatedFields());
        assertEquals(400, longBatch.status(), longBatch::toString);
        assertEquals(List.of("memories"), longBatch.violatedFields());
        assertEquals(400, longCart.status(), longCart::toString);
        assertEquals(List.of("items"), longCart.violatedFields());
        assertEquals(List.of(), api.get("/api/me/memories", owner).items());
        assertEquals(5, fixtures.stock(dress, "M"));
    }

    @Test
    void anEmptyQueryValueIsRefusedNamingItRatherThanTakenAsAbsent() {
        Reply emptyPage = api.get("/api/orders?page=", shopper);
        assertEquals(400, emptyPage.status(), emptyPage::toString);
        assertTrue(emptyPage.contentType().startsWith(PROBLEM_JSON), emptyPage::toString);
        assertEquals(List.of("page"), emptyPage.violatedFields());

        Reply bare = api.get("/api/products?pageSize=5&category", shopper);
        assertEquals(400, bare.status(), bare::toString);
        assertEquals(List.of("category"), bare.violatedFields());

        assertEquals(200, api.get("/api/orders?pageSize=5", shopper).status());
    }

    @Test
    void theElementsOfAListAreAsStrictAsAnyOtherValue() {
        String owner = tokens.shopper("strict-lists-" + UUID.randomUUID());
        Reply coerced = api.put("/api/me/profile", owner,
                Map.of("stylePreferences", Map.of("occasions", List.of("work", false))));
        assertEquals(400, coerced.status(), coerced::toString);
        assertEquals(List.of("stylePreferences.occasions[1]"), coerced.violatedFields());
        assertEquals("must be a string, not false", coerced.violations().getFirst().get("message"));

        Reply saved = api.put("/api/me/profile", owner,
                Map.of("stylePreferences", Map.of("occasions", List.of("work", "wedding"))));
        assertEquals(200, saved.status(), saved::toString);
        assertEquals(Map.of("colours", List.of(), "styles", List.of(), "occasions", List.of("work", "wedding")),
                saved.body().get("stylePreferences"));
    }

    @Test
    void aConversationStartsWithAnObjectOrNoBodyNeverANull() {
        String talker = tokens.shopper("strict-talker-" + UUID.randomUUID());
        Reply nullBody = api.postBytes("/api/conversations", talker, MediaType.APPLICATION_JSON_TYPE,
                "null".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, nullBody.status(), nullBody::toString);
        assertEquals(List.of("body"), nullBody.violatedFields());
        assertEquals(List.of(), api.get("/api/conversations", talker).items(), "nothing was started");
    }

    @Test
    void aPatternMustMatchTheWholeValueAsTheDocumentSays() {
        long dress = fixtures.dress(5);
        for (String method : List.of("xpm_card_visa", "pm_card_visa!")) {
            Reply reply = api.post("/api/checkouts", shopper, bodyText(dress, "\"M\"", "1", "")
                    .replace("pm_card_visa", method), key(newKey()));
            assertEquals(400, reply.status(), method + ": " + reply);
            assertEquals(List.of("paymentMethod"), reply.violatedFields(), reply::toString);
        }
        Reply occasion = api.get("/api/recommendations?occasion=garden%20party", shopper);
        assertEquals(200, occasion.status(), occasion::toString);
        Reply accented = api.get("/api/recommendations?occasion=f%C3%AAte", shopper);
        assertEquals(200, accented.status(), accented::toString);
        Reply control = api.get("/api/recommendations?occasion=party%0A", shopper);
        assertEquals(400, control.status(), control::toString);
        // A NUL in a visibility query breaks the Temporal server's SQLite store: refused before it gets there.
        for (String shopperId : List.of("ada%00", "ada%09x", "ada%7F")) {
            Reply listed = api.get("/api/ops/checkouts?shopperId=" + shopperId, ops);
            assertEquals(List.of("shopperId"), listed.violatedFields(), listed::toString);
        }
        assertEquals(5, fixtures.stock(dress, "M"));
        assertEquals(0, fixtures.checkoutsOf(shopperId));
    }
}
