package com.styleshepherd.api.me;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /api/me/memories} over HTTP against real PostgreSQL, with the real text model. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryApiTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    TransactionOperations<Connection> transactions;

    private String newShopper() {
        return tokens.shopper("remembered-" + UUID.randomUUID());
    }

    private static Map<String, Object> memory(String type, String text) {
        return Map.of("type", type, "text", text, "metadata", Map.of("source", "chat", "turn", 3));
    }

    @Test
    void aStoredMemoryIsListedAndReadBackWithItsMetadata() {
        String shopper = newShopper();

        Reply created = api.post("/api/me/memories", shopper, memory("preference", "Prefers navy over black"));

        assertEquals(201, created.status(), created.body().toString());
        String id = (String) created.body().get("memoryId");
        assertEquals("/api/me/memories/" + id, created.header("Location").orElseThrow());
        assertEquals(Map.of("source", "chat", "turn", 3), created.body().get("metadata"));
        Reply listed = api.get("/api/me/memories", shopper);
        assertEquals(1, listed.items().size());
        assertEquals("Prefers navy over black", listed.items().get(0).get("text"));
    }

    @Test
    void aBatchIsStoredAllOrNothingAndTheListFiltersByTypeNewestFirst() {
        String shopper = newShopper();
        Map<String, Object> batch = Map.of("memories", List.of(memory("fact", "Wears size 39 shoes"),
                memory("preference", "Likes linen in summer"), memory("feedback", "The wrap dress ran small")));

        Reply created = api.post("/api/me/memories/batch", shopper, batch);

        assertEquals(201, created.status(), created.body().toString());
        assertEquals(3, ((List<?>) created.body().get("memories")).size());
        Reply facts = api.get("/api/me/memories?type=fact", shopper);
        assertEquals(List.of("Wears size 39 shoes"), facts.items().stream().map(m -> m.get("text")).toList());
        assertEquals(List.of("The wrap dress ran small", "Likes linen in summer", "Wears size 39 shoes"),
                api.get("/api/me/memories", shopper).items().stream().map(m -> m.get("text")).toList());

        Reply halfBad = api.post("/api/me/memories/batch", shopper, Map.of("memories",
                List.of(memory("fact", "A good one"), Map.of("type", "gossip", "text", "A bad one"))));
        assertEquals(400, halfBad.status());
        assertEquals(List.of("memories[1].type"), halfBad.violatedFields());
        assertEquals(3, ((Number) api.get("/api/me/memories/stats", shopper).body().get("total")).intValue(),
                "nothing of the refused batch was stored");
    }

    @Test
    void searchFindsMemoriesByMeaningNotByWords() {
        String shopper = newShopper();
        api.post("/api/me/memories/batch", shopper, Map.of("memories", List.of(
                memory("fact", "Works at a bank and wears suits on weekdays"),
                memory("preference", "Loves linen shirts and linen trousers for hot weather"),
                memory("fact", "Goes hiking in the mountains most weekends"))));

        // Each query has no word in common with the memory it finds.
        Map<String, String> byMeaning = Map.of(
                "finance career", "Works at a bank and wears suits on weekdays",
                "summer clothes", "Loves linen shirts and linen trousers for hot weather",
                "outdoor activities", "Goes hiking in the mountains most weekends");
        byMeaning.forEach((query, expected) -> {
            Reply found = api.get("/api/me/memories/search?topK=1&q=" + query.replace(' ', '+'), shopper);
            assertEquals(200, found.status(), found.body().toString());
            List<?> memories = (List<?>) found.body().get("memories");
            assertEquals(1, memories.size());
            assertEquals(expected, ((Map<?, ?>) memories.get(0)).get("text"), query);
        });
        List<?> linen = (List<?>) api.get("/api/me/memories/search?q=linen&topK=3&minScore=-1", shopper).body().get("memories");
        assertEquals("Loves linen shirts and linen trousers for hot weather", ((Map<?, ?>) linen.get(0)).get("text"));
        double first = ((Number) ((Map<?, ?>) linen.get(0)).get("score")).doubleValue();
        double second = ((Number) ((Map<?, ?>) linen.get(1)).get("score")).doubleValue();
        assertTrue(first > second, "scores descend: " + linen);
        // Nothing is about physics: every memory scores under the default floor.
        assertEquals(List.of(), api.get("/api/me/memories/search?q=quantum+chromodynamics", shopper).body().get("memories"));
        assertEquals(3, ((List<?>) api.get("/api/me/memories/search?q=quantum+chromodynamics&minScore=-1", shopper)
                .body().get("memories")).size());
        assertEquals(List.of("q"), api.get("/api/me/memories/search?q=", shopper).violatedFields());
        assertEquals(List.of("minScore"), api.get("/api/me/memories/search?q=x&minScore=2", shopper).violatedFields());
    }

    @Test
    void aMemoryStoredWithoutAVectorIsEmbeddedByTheFirstSearch() {
        String userId = "remembered-" + UUID.randomUUID();
        String shopper = tokens.shopper(userId);
        api.post("/api/me/memories", shopper, memory("fact", "Has a dog"));
        // As stored before memories were embedded (or by another model version).
        UUID legacy = UUID.randomUUID();
        transactions.executeWrite(status -> {
            try (var insert = status.getConnection().prepareStatement(
                    "INSERT INTO memories (id, user_id, type, text) VALUES (?, ?, 'preference', ?)")) {
                insert.setObject(1, legacy);
                insert.setString(2, userId);
                insert.setString(3, "Only wears trainers, never heels");
                return insert.executeUpdate();
            }
        });

        List<?> found = (List<?>) api.get("/api/me/memories/search?q=comfortable+sneakers&topK=1", shopper)
                .body().get("memories");

        assertEquals(legacy.toString(), ((Map<?, ?>) found.get(0)).get("memoryId"));
        String model = transactions.executeRead(status -> {
            try (var select = status.getConnection().prepareStatement("SELECT embedding_model FROM memories WHERE id = ?")) {
                select.setObject(1, legacy);
                try (var rows = select.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        });
        assertEquals("all-MiniLM-L6-v2/onnx-int8", model);
    }

    @Test
    void statsExportDeleteAndClear() {
        String shopper = newShopper();
        List<?> stored = (List<?>) api.post("/api/me/memories/batch", shopper, Map.of("memories", List.of(
                memory("fact", "Lives in Leeds"), memory("fact", "Cycles to work"),
                memory("feedback", "Loved the rain jacket")))).body().get("memories");

        Map<String, Object> stats = api.get("/api/me/memories/stats", shopper).body();
        assertEquals(3, ((Number) stats.get("total")).intValue());
        assertEquals(Map.of("fact", 2, "feedback", 1), stats.get("byType"));
        assertNotNull(stats.get("oldest"));

        Reply export = api.get("/api/me/memories/export", shopper);
        assertEquals("attachment; filename=\"memories.json\"", export.header("Content-Disposition").orElseThrow());
        assertEquals(3, ((List<?>) export.body().get("memories")).size());

        String first = (String) ((Map<?, ?>) stored.get(0)).get("memoryId");
        assertEquals(404, api.delete("/api/me/memories/" + first, newShopper()).status(), "not another shopper's");
        assertEquals(204, api.delete("/api/me/memories/" + first, shopper).status());
        assertEquals(404, api.delete("/api/me/memories/" + first, shopper).status());

        Reply cleared = api.delete("/api/me/memories", shopper);
        assertEquals(2, ((Number) cleared.body().get("deleted")).intValue());
        assertEquals(0, ((Number) api.get("/api/me/memories/stats", shopper).body().get("total")).intValue());
    }

    @Test
    void badMemoriesNameTheirField() {
        String shopper = newShopper();
        Map<String, Object> tooManyKeys = new HashMap<>();
        IntStream.range(0, 21).forEach(i -> tooManyKeys.put("k" + i, i));

        assertEquals(List.of("type"), api.post("/api/me/memories", shopper, Map.of("type", "rumour", "text", "x"))
                .violatedFields());
        assertEquals(List.of("text"), api.post("/api/me/memories", shopper, Map.of("type", "fact", "text", " "))
                .violatedFields());
        assertEquals(List.of("text"), api.post("/api/me/memories", shopper,
                Map.of("type", "fact", "text", "x".repeat(4001))).violatedFields());
        assertEquals(List.of("metadata"), api.post("/api/me/memories", shopper,
                Map.of("type", "fact", "text", "ok", "metadata", tooManyKeys)).violatedFields());
        assertEquals(List.of("type"), api.get("/api/me/memories?type=rumour", shopper).violatedFields());
        assertEquals(0, ((Number) api.get("/api/me/memories/stats", shopper).body().get("total")).intValue());
    }

    /** PostgreSQL holds no NUL character in text or jsonb: that is the client's 400, not the server's 500. */
    @Test
    void aNulCharacterIsTheClientsBadRequestWithoutInternals() {
        String shopper = newShopper();

        for (Map<String, Object> memory : List.<Map<String, Object>>of(
                Map.of("type", "fact", "text", "ok", "metadata", Map.of("note", "a\u0000b")),
                Map.of("type", "fact", "text", "ok", "metadata", Map.of("a\u0000b", 1)),
                Map.of("type", "fact", "text", "Wears \u0000 size 39"))) {
            Reply refused = api.post("/api/me/memories", shopper, memory);

            assertEquals(400, refused.status(), refused.body().toString());
            assertEquals("application/problem+json", refused.contentType());
            assertEquals("A value in the request holds a character that cannot be stored (U+0000, NUL)",
                    refused.body().get("detail"));
            assertEquals(Set.of("title", "status", "detail"), refused.body().keySet(), "nothing but the problem");
        }
        assertEquals(0, ((Number) api.get("/api/me/memories/stats", shopper).body().get("total")).intValue());
    }
}
