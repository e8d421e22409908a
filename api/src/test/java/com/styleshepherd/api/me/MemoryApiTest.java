package com.styleshepherd.api.me;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /api/me/memories} over HTTP against real PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryApiTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

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
    void searchRanksTheMemoriesThatMatchBest() {
        String shopper = newShopper();
        api.post("/api/me/memories/batch", shopper, Map.of("memories", List.of(
                memory("preference", "Loves linen shirts and linen trousers for hot weather"),
                memory("preference", "Prefers wool coats in winter"),
                memory("fact", "Has a linen allergy? No: likes cotton too"))));

        Reply found = api.get("/api/me/memories/search?q=linen&topK=2", shopper);

        assertEquals(200, found.status(), found.body().toString());
        List<?> memories = (List<?>) found.body().get("memories");
        assertEquals(2, memories.size());
        Map<?, ?> best = (Map<?, ?>) memories.get(0);
        assertEquals("Loves linen shirts and linen trousers for hot weather", best.get("text"));
        assertTrue(((Number) best.get("score")).doubleValue() >= ((Number) ((Map<?, ?>) memories.get(1)).get("score")).doubleValue());
        assertEquals(List.of(), api.get("/api/me/memories/search?q=tuxedo", shopper).body().getOrDefault("memories", List.of()));
        assertEquals(List.of("q"), api.get("/api/me/memories/search?q=", shopper).violatedFields());
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
}
