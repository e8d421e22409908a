package com.styleshepherd.api.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.catalog.TestProduct;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.testing.SharedData;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
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
 * {@code POST /api/size-prediction} and {@code /api/ops/models} over HTTP, with both workers in-process
 * against real PostgreSQL (a database of this class's own, so the models it promotes stay here), Redis and
 * the Temporal test server: first the size chart (no model promoted), then the size model that ops train
 * from a sample of the public size data.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
@Property(name = "styleshepherd.models.training.size-sample", value = "5000")
class SizePredictionApiTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    private String ops;
    private long dressId;
    private long scarfId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(RealInfrastructure.super.getProperties());
        properties.put("datasources.default.url", TestInfrastructure.createDatabase("sizing"));
        properties.put("styleshepherd.models.training.size-data",
                SharedData.require("size/clothes_size_prediction.csv").toString());
        properties.put("styleshepherd.models.training.fit-data", "");
        return properties;
    }

    @BeforeAll
    void setUp() {
        ops = tokens.ops("ops-sizing");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Map<String, Integer> letters = new LinkedHashMap<>();
        for (String size : List.of("XS", "S", "M", "L", "XL")) {
            letters.put(size, 3);
        }
        dressId = new TestProduct("Sizing Wrap Dress", "Jersey wrap dress", "dresses", "navy", "70.00", letters)
                .save(api, ops, "SIZE-DRESS-" + tag, "Sizing Test");
        scarfId = new TestProduct("Sizing Scarf", "Wool scarf", "accessories", "grey", "20.00", Map.of("ONE SIZE", 3))
                .save(api, ops, "SIZE-SCARF-" + tag, "Sizing Test");
    }

    @Test
    @Order(1)
    void badRequestsAreRefusedNamingTheField() {
        String shopper = tokens.shopper("size-bad-" + UUID.randomUUID());
        Reply missing = api.post("/api/size-prediction", shopper, Map.of());
        assertEquals(400, missing.status());
        assertTrue(missing.body().toString().contains("productId"), missing.body().toString());
        assertEquals(400, api.post("/api/size-prediction", shopper, Map.of("productId", -4)).status());
        assertEquals(400, api.post("/api/size-prediction", shopper, Map.of("productId", "the dress")).status());
        Reply unknown = api.post("/api/size-prediction", shopper, Map.of("productId", 987_654_321));
        assertEquals(404, unknown.status());
        assertTrue(String.valueOf(unknown.contentType()).contains("problem+json"), unknown.contentType());
        assertEquals(401, api.post("/api/size-prediction", null, Map.of("productId", dressId)).status());

        Reply notOps = api.post("/api/ops/models/training", shopper, Map.of());
        assertEquals(403, notOps.status());
        Reply badKind = api.post("/api/ops/models/training", ops, Map.of("kinds", List.of("shoes")));
        assertEquals(400, badKind.status());
        assertTrue(badKind.body().toString().contains("kinds"), badKind.body().toString());
        assertEquals(400, api.get("/api/ops/models?kind=colour", ops).status());
        // A page past the 10,000th was an offset past Integer.MAX_VALUE, negative in SQL: a 500.
        assertEquals(List.of("page"), api.get("/api/ops/models?kind=size&page=962988531&pageSize=26", ops)
                .violatedFields());
    }

    @Test
    @Order(2)
    void withNoModelTheSizeChartAndTheUsualSizeDecide() {
        String nothingKnown = tokens.shopper("size-none-" + UUID.randomUUID());
        Reply blank = api.post("/api/size-prediction", nothingKnown, Map.of("productId", dressId));
        assertEquals(200, blank.status(), blank.body().toString());
        assertNull(blank.body().get("recommendedSize"));
        assertEquals(Map.of(), probabilities(blank), "nothing known: no probabilities, never uniform ones");
        assertTrue(((String) blank.body().get("explanation")).contains("your bust or chest measurement"),
                blank.body().toString());

        String measured = tokens.shopper("size-chart-" + UUID.randomUUID());
        assertEquals(200, api.put("/api/me/profile", measured, Map.of("measurements", Map.of("bustCm", 92))).status());
        Reply chart = api.post("/api/size-prediction", measured, Map.of("productId", dressId));
        assertEquals(200, chart.status(), chart.body().toString());
        assertEquals("M", chart.body().get("recommendedSize"), "92 cm bust is an M on the chart");
        assertEquals(List.of("size-chart"), chart.body().get("sources"));
        assertEquals(List.of("XS", "S", "M", "L", "XL"), List.copyOf(probabilities(chart).keySet()));
        assertEquals(1.0, sum(chart), 1e-3);
        assertTrue(((String) chart.body().get("explanation")).contains("size chart"), chart.body().toString());

        assertEquals(200, api.put("/api/me/profile", measured, Map.of("measurements", Map.of("bustCm", 92),
                "usualSizes", Map.of("dresses", "L"))).status());
        Reply usual = api.post("/api/size-prediction", measured, Map.of("productId", dressId));
        assertEquals(List.of("size-chart", "usual-size"), usual.body().get("sources"));
        assertTrue(((Number) probabilities(usual).get("L")).doubleValue() > ((Number) probabilities(chart).get("L")).doubleValue(),
                "telling us L makes L likelier: " + usual.body());

        Reply oneSize = api.post("/api/size-prediction", measured, Map.of("productId", scarfId));
        assertEquals("ONE SIZE", oneSize.body().get("recommendedSize"));
        assertEquals(1.0, ((Number) oneSize.body().get("confidence")).doubleValue());
    }

    @Test
    @Order(3)
    void opsTrainTheSizeModelAndItIsUsedOncePromoted() throws Exception {
        Reply started = api.post("/api/ops/models/training", ops, Map.of("kinds", List.of("size")));
        assertEquals(202, started.status(), started.body().toString());
        assertTrue(((String) started.body().get("workflowId")).startsWith("model-training-"));

        Map<?, ?> promoted = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (promoted == null && Instant.now().isBefore(deadline)) {
            Reply models = api.get("/api/ops/models?kind=size", ops);
            assertEquals(200, models.status(), models.body().toString());
            promoted = models.items().stream().map(m -> (Map<?, ?>) m).filter(m -> m.get("promotedAt") != null)
                    .findFirst().orElse(null);
            Thread.sleep(500);
        }
        assertTrue(promoted != null, "a size model was trained and promoted within 3 minutes");
        assertEquals("log loss", promoted.get("metric"));
        assertEquals(1000, ((Number) promoted.get("testRows")).intValue(), "20% of the 5000 sampled rows");
        assertTrue(((Map<?, ?>) promoted.get("metrics")).containsKey("accuracy"), promoted.toString());
        assertTrue(((String) promoted.get("decision")).contains("no version promoted yet"), promoted.toString());

        String shopper = tokens.shopper("size-model-" + UUID.randomUUID());
        assertEquals(200, api.put("/api/me/profile", shopper,
                Map.of("measurements", Map.of("heightCm", 165, "weightKg", 58))).status());
        Reply predicted = api.post("/api/size-prediction", shopper, Map.of("productId", dressId));
        assertEquals(200, predicted.status(), predicted.body().toString());
        int version = ((Number) promoted.get("version")).intValue();
        assertEquals(List.of("size-model v" + version), predicted.body().get("sources"));
        assertTrue(List.of("XS", "S", "M").contains((String) predicted.body().get("recommendedSize")),
                "58 kg at 165 cm: " + predicted.body());
        assertEquals(1.0, sum(predicted), 1e-3);
        double confidence = ((Number) predicted.body().get("confidence")).doubleValue();
        assertEquals(((Number) probabilities(predicted).get(predicted.body().get("recommendedSize"))).doubleValue(), confidence);
        assertTrue(((String) predicted.body().get("explanation")).contains("165 cm"), predicted.body().toString());
    }

    private static Map<?, ?> probabilities(Reply reply) {
        return (Map<?, ?>) reply.body().get("probabilities");
    }

    private static double sum(Reply reply) {
        return probabilities(reply).values().stream().mapToDouble(p -> ((Number) p).doubleValue()).sum();
    }
}
