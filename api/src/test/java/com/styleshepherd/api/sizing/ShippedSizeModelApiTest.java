package com.styleshepherd.api.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.catalog.TestProduct;
import com.styleshepherd.store.models.ModelStore;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A fresh clone: no {@code ../shared} data, an empty registry. The gpu worker loads the shipped size model as
 * v1 at start, so {@code POST /api/size-prediction} answers 165 cm / 58 kg with a learned model at once; then
 * ops promote (refused when worse, unless forced) and roll back over HTTP.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
@Property(name = "styleshepherd.models.shipped", value = "true")
@Property(name = "styleshepherd.models.refresh", value = "100ms")
class ShippedSizeModelApiTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    ModelStore models;

    private String ops;
    private long dressId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(RealInfrastructure.super.getProperties());
        properties.put("datasources.default.url", TestInfrastructure.createDatabase("shipped"));
        // Nothing beside the checkout: no public data for training.
        properties.put("styleshepherd.models.training.size-data", "/nonexistent/clothes_size_prediction.csv");
        properties.put("styleshepherd.models.training.fit-data", "");
        return properties;
    }

    @BeforeAll
    void setUp() {
        ops = tokens.ops("ops-shipped");
        Map<String, Integer> letters = new LinkedHashMap<>();
        for (String size : List.of("XS", "S", "M", "L", "XL")) {
            letters.put(size, 3);
        }
        dressId = new TestProduct("Shipped Wrap Dress", "Jersey wrap dress", "dresses", "navy", "70.00", letters)
                .save(api, ops, "SHIP-DRESS-" + UUID.randomUUID().toString().substring(0, 6), "Sizing Test");
    }

    @Test
    @Order(1)
    void theShippedSizeModelIsVersionOneAndPromoted() {
        Reply list = api.get("/api/ops/models?kind=size", ops);
        assertEquals(200, list.status(), list.body().toString());
        assertEquals(1, list.items().size(), list.body().toString());
        Map<String, Object> v1 = list.items().getFirst();
        assertEquals(1, ((Number) v1.get("version")).intValue());
        assertEquals("shipped:size-v1", v1.get("trainingRun"));
        assertNotNull(v1.get("promotedAt"), v1.toString());
        assertEquals("log loss", v1.get("metric"));
        double accuracy = ((Number) ((Map<?, ?>) v1.get("metrics")).get("accuracy")).doubleValue();
        assertTrue(accuracy > 0.5, "the card's held-out accuracy: " + accuracy);
        assertTrue(((String) v1.get("dataSource")).contains("Clothes Size Prediction"), v1.toString());
    }

    @Test
    @Order(2)
    void a165Cm58KgShopperGetsALearnedNonUniformAnswerNamingTheModelVersion() {
        String shopper = tokens.shopper("shipped-" + UUID.randomUUID());
        assertEquals(200, api.put("/api/me/profile", shopper,
                Map.of("measurements", Map.of("heightCm", 165, "weightKg", 58))).status());

        Reply predicted = api.post("/api/size-prediction", shopper, Map.of("productId", dressId));

        assertEquals(200, predicted.status(), predicted.body().toString());
        assertEquals(List.of("size-model v1"), predicted.body().get("sources"));
        String size = (String) predicted.body().get("recommendedSize");
        assertTrue(List.of("S", "M").contains(size), "58 kg at 165 cm: " + predicted.body());
        Map<?, ?> probabilities = (Map<?, ?>) predicted.body().get("probabilities");
        assertEquals(List.of("XS", "S", "M", "L", "XL"), List.copyOf(probabilities.keySet()));
        double confidence = ((Number) predicted.body().get("confidence")).doubleValue();
        assertTrue(confidence > 0.35, "not uniform (0.2 each): " + probabilities);
        assertEquals(((Number) probabilities.get(size)).doubleValue(), confidence);
        assertTrue(((String) predicted.body().get("explanation")).contains("165 cm"), predicted.body().toString());

        // Only a height: asked for the weight, never for the height it has.
        String tall = tokens.shopper("shipped-tall-" + UUID.randomUUID());
        assertEquals(200, api.put("/api/me/profile", tall, Map.of("measurements", Map.of("heightCm", 170))).status());
        Reply missing = api.post("/api/size-prediction", tall, Map.of("productId", dressId));
        assertEquals(200, missing.status(), missing.body().toString());
        assertNull(missing.body().get("recommendedSize"));
        assertEquals(Map.of(), missing.body().get("probabilities"), "no uniform probabilities");
        String explanation = (String) missing.body().get("explanation");
        assertTrue(explanation.startsWith("To recommend a size I need your weight"), explanation);
        assertTrue(!explanation.contains("height"), explanation);

        // Only a bust: the model cannot take it; the chart answers, named with its numbers.
        String bust = tokens.shopper("shipped-bust-" + UUID.randomUUID());
        assertEquals(200, api.put("/api/me/profile", bust, Map.of("measurements", Map.of("bustCm", 92))).status());
        Reply chart = api.post("/api/size-prediction", bust, Map.of("productId", dressId));
        assertEquals(List.of("size-chart"), chart.body().get("sources"));
        assertEquals("M", chart.body().get("recommendedSize"));
        assertTrue(chart.body().get("reasons").toString().contains("(M is 90–98 cm) on the letter-size chart after EN 13402-3"),
                chart.body().toString());
    }

    @Test
    @Order(3)
    void opsPromoteRefuseWorseVersionsUnlessForcedAndRollBack() {
        byte[] weights = models.weights("size", 1).orElseThrow();
        int worse = models.store(new ModelStore.Candidate("size", "test-worse-" + UUID.randomUUID(), 100, 25, "test",
                "log loss", 1.9, Map.of("logLoss", 1.9), "stored by the test", weights)).version();

        String shopper = tokens.shopper("shipped-not-ops-" + UUID.randomUUID());
        assertEquals(403, api.post("/api/ops/models/size/versions/" + worse + "/promote", shopper, Map.of()).status());
        assertEquals(List.of("kind"), api.post("/api/ops/models/shoes/versions/1/promote", ops, Map.of()).violatedFields());
        assertEquals(400, api.post("/api/ops/models/size/versions/0/promote", ops, Map.of()).status());
        assertEquals(400, api.post("/api/ops/models/size/versions/abc/promote", ops, Map.of()).status());
        Reply unknown = api.post("/api/ops/models/size/versions/999/promote", ops, Map.of());
        assertEquals(404, unknown.status());
        assertTrue(String.valueOf(unknown.contentType()).contains("problem+json"), unknown.contentType());

        Reply refused = api.post("/api/ops/models/size/versions/" + worse + "/promote", ops, Map.of());
        assertEquals(409, refused.status(), refused.body().toString());
        assertTrue(String.valueOf(refused.contentType()).contains("problem+json"), refused.contentType());
        assertTrue(refused.body().toString().contains("1.9000 is worse than the promoted v1's"), refused.body().toString());
        assertEquals(1, models.promoted("size").orElseThrow().version());

        Reply forced = api.post("/api/ops/models/size/versions/" + worse + "/promote?force=true", ops, Map.of());
        assertEquals(200, forced.status(), forced.body().toString());
        assertEquals(worse, ((Number) ((Map<?, ?>) forced.body().get("promoted")).get("version")).intValue());
        assertEquals(1, ((Number) forced.body().get("replaced")).intValue());
        assertEquals(worse, models.promoted("size").orElseThrow().version());

        Reply back = api.post("/api/ops/models/size/rollback", ops, Map.of());
        assertEquals(200, back.status(), back.body().toString());
        assertEquals(1, ((Number) ((Map<?, ?>) back.body().get("promoted")).get("version")).intValue());
        assertEquals(worse, ((Number) back.body().get("replaced")).intValue());
        assertEquals(1, models.promoted("size").orElseThrow().version());
        Reply nothingBefore = api.post("/api/ops/models/size/rollback", ops, Map.of());
        assertEquals(409, nothingBefore.status(), nothingBefore.body().toString());
        assertTrue(nothingBefore.body().toString().contains("replaced no earlier version"), nothingBefore.body().toString());
    }
}
