package com.styleshepherd.api.recommendations;

import static com.styleshepherd.api.checkout.CheckoutFixtures.body;
import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.catalog.TestProduct;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.api.search.CatalogEmbeddings;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Recommendations over HTTP with both workers in-process, against real PostgreSQL, Redis and the
 * Temporal test server: real embeddings, real checkouts and returns. Every shopper here has a budget of
 * 8001 to 8002 USD, a price band only this class's products use, so the rest of the shared catalog never
 * qualifies.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
class RecommendationApiTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CatalogEmbeddings embeddings;

    @Inject
    CheckoutFixtures fixtures;

    private String ops;
    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final Map<String, Long> ids = new HashMap<>();

    @BeforeAll
    void setUp() {
        ops = tokens.ops("ops-recommend");
        save("WEDDING-DRESS", "Emerald Silk Wedding Guest Dress", "Flowing silk midi dress for weddings and summer parties",
                "dresses", "green", "8001.10", Map.of("S", 4, "M", 4));
        save("LACE-DRESS", "Ivory Lace Cocktail Dress", "Lace cocktail dress for weddings and evening receptions",
                "dresses", "ivory", "8001.20", Map.of("S", 4, "M", 0));
        save("SUIT", "Navy Tailored Wedding Suit", "Slim two-piece suit for weddings and formal ceremonies",
                "suits", "navy", "8001.90", Map.of("48", 3, "50", 3));
        save("TRAIL-SHOES", "Cushioned Trail Running Shoes", "Grippy trainers for trail runs and the gym",
                "shoes", "black", "8001.30", Map.of("42", 5, "43", 5));
        save("RUN-TEE", "Breathable Running Tee", "Quick-dry sports t-shirt for running and workouts",
                "tops", "blue", "8001.40", Map.of("M", 5));
        save("LEGGINGS", "High-Waist Yoga Leggings", "Stretch leggings for yoga, pilates and the gym",
                "trousers", "black", "8001.50", Map.of("M", 5));
        save("COAT", "Camel Wool Winter Coat", "Warm double-breasted wool coat for cold winter days",
                "coats", "camel", "8001.60", Map.of("M", 5));
        save("SCARF", "Chunky Knit Wool Scarf", "Warm cable-knit scarf for winter", "accessories", "grey",
                "8001.70", Map.of("ONE SIZE", 5));
        save("SWIM", "Striped Swim Shorts", "Quick-dry swim shorts for the beach and the pool", "swimwear", "red",
                "8001.80", Map.of("M", 9));
        // Five near-duplicates: the same t-shirt in five colours.
        for (String colour : List.of("black", "white", "grey", "navy", "olive")) {
            save("TEE-" + colour.toUpperCase(), "Classic " + cap(colour) + " Cotton Crew T-Shirt",
                    "Soft cotton crew-neck t-shirt in " + colour + " for everyday wear", "tops", colour, "8001.00",
                    Map.of("M", 5));
        }
        Map<String, Object> job = embeddings.run(ops);
        assertEquals("COMPLETED", job.get("state"), job.toString());
    }

    @Test
    void anOccasionPicksWhatSuitsItInTheShoppersSizeAndBudget() {
        String shopper = shopper(Map.of("dresses", "M"), List.of(), 8002);

        Reply picked = api.get("/api/recommendations?occasion=Wedding&topK=3", shopper);

        assertEquals(200, picked.status(), picked.body().toString());
        List<String> skus = skus(picked);
        assertEquals(List.of("SUIT", "WEDDING-DRESS"), skus.subList(0, 2).stream().sorted().toList(),
                "the two things to wear to a wedding come first: " + skus);
        assertFalse(skus.contains("LACE-DRESS"), "no M in stock: " + skus);
        Map<String, Object> dress = picked.items().get(skus.indexOf("WEDDING-DRESS"));
        assertEquals("M", dress.get("size"));
        assertEquals(List.of("Suits wedding", "In stock in your size M", "Within your budget"), dress.get("reasons"));
        Map<String, Object> suit = picked.items().get(skus.indexOf("SUIT"));
        assertEquals(null, suit.get("size"), "no usual size for suits");
        assertEquals(List.of("Suits wedding", "Within your budget"), suit.get("reasons"));
        Map<?, ?> basis = (Map<?, ?>) picked.body().get("basedOn");
        assertEquals("wedding", basis.get("occasion"));
        assertEquals(false, basis.get("bestSellers"));
        assertEquals("all-MiniLM-L6-v2/onnx-int8", picked.body().get("model"));

        // maxPrice narrows the budget: the suit costs 8001.90.
        List<String> cheaper = skus(api.get("/api/recommendations?occasion=wedding&topK=3&maxPrice=8001.5", shopper));
        assertFalse(cheaper.contains("SUIT"), cheaper.toString());
        assertEquals("WEDDING-DRESS", cheaper.get(0));
    }

    @Test
    void nearDuplicatesGiveWayToVariety() {
        String shopper = shopper(Map.of(), List.of("I love plain cotton crew-neck t-shirts"), 8002);
        // By similarity alone the top four are four colours of one t-shirt ...
        List<String> bySimilarity = api.get("/api/search?q=plain+cotton+crew-neck+t-shirts&topK=4&minPrice=8001&maxPrice=8002")
                .items().stream().map(RecommendationApiTest::sku).map(this::local).toList();
        assertEquals(4, bySimilarity.stream().filter(sku -> sku.startsWith("TEE-")).count(), bySimilarity.toString());

        Reply picked = api.get("/api/recommendations?topK=4", shopper);

        List<String> skus = skus(picked);
        assertEquals(4, skus.size(), skus.toString());
        assertEquals(1, skus.stream().filter(sku -> sku.startsWith("TEE-")).count(), "one colour of the t-shirt: " + skus);
        assertTrue(skus.get(0).startsWith("TEE-"), skus.toString());
        assertEquals("You said: \u201cI love plain cotton crew-neck t-shirts\u201d",
                ((List<?>) picked.items().get(0).get("reasons")).get(0));
        // Asked for every product in the band, the other colours come after everything else (other
        // near-duplicates, if any, are deferred with them), and nothing is left out.
        List<String> all = skus(api.get("/api/recommendations?topK=14", shopper));
        assertEquals(14, all.size(), all.toString());
        assertEquals(1, all.subList(0, 9).stream().filter(sku -> sku.startsWith("TEE-")).count(), all.toString());
    }

    @Test
    void purchasesAndReturnsSteerTheTasteAndEachChangeDropsTheCache() {
        String shopper = shopper(Map.of(), List.of(), 8002);
        Reply before = api.get("/api/recommendations?topK=5", shopper);
        assertEquals(200, before.status(), before.body().toString());
        assertEquals(true, ((Map<?, ?>) before.body().get("basedOn")).get("bestSellers"));
        assertEquals(before.body().get("computedAt"), api.get("/api/recommendations?topK=5", shopper).body().get("computedAt"),
                "the second answer comes from the cache");

        String orderId = buy(shopper, "TRAIL-SHOES", "42", 1);

        Reply after = api.get("/api/recommendations?topK=3", shopper);
        List<String> skus = skus(after);
        assertFalse(skus.contains("TRAIL-SHOES"), "what was bought is not offered again: " + skus);
        assertTrue(List.of("RUN-TEE", "LEGGINGS").contains(skus.get(0)), skus.toString());
        assertEquals("Goes with the Cushioned Trail Running Shoes you bought",
                ((List<?>) after.items().get(0).get("reasons")).get(0));
        Map<?, ?> basis = (Map<?, ?>) after.body().get("basedOn");
        assertEquals(1, ((Number) basis.get("purchases")).intValue());

        // Returned for its style: the taste turns away from it, the gym things are no longer picked for it.
        String cached = (String) api.get("/api/recommendations?topK=3", shopper).body().get("computedAt");
        Reply shipment = api.post("/api/ops/orders/" + orderId + "/shipments", ops, Map.of());
        assertEquals(201, shipment.status(), shipment.body().toString());
        String shipmentId = (String) shipment.body().get("shipmentId");
        fixtures.report(orderId, shipmentId, "LABEL_CREATED", ops);
        fixtures.report(orderId, shipmentId, "SHIPPED", ops);
        String shipped = (String) api.get("/api/recommendations?topK=3", shopper).body().get("computedAt");
        assertNotEquals(cached, shipped, "an order's change drops the shopper's recommendations");
        fixtures.report(orderId, shipmentId, "DELIVERED", ops);
        fixtures.awaitOrder(orderId, shopper, "DELIVERED");
        Map<String, Object> order = api.get("/api/orders/" + orderId, shopper).body();
        String lineId = (String) ((Map<?, ?>) ((List<?>) order.get("lines")).get(0)).get("lineId");
        assertEquals(201, api.post("/api/returns", shopper, Map.of("orderId", orderId, "lineId", lineId, "reason", "STYLE"))
                .status());
        Reply returned = api.get("/api/recommendations?topK=3", shopper);
        Map<?, ?> afterReturn = (Map<?, ?>) returned.body().get("basedOn");
        assertEquals(1, ((Number) afterReturn.get("styleReturns")).intValue(), returned.body().toString());
        assertEquals(true, afterReturn.get("bestSellers"), "a disliked purchase is no taste to build on");
        assertFalse(skus(returned).contains("TRAIL-SHOES"));

        // A profile change and a memory drop the cache as well.
        String beforeProfile = (String) returned.body().get("computedAt");
        assertEquals(200, api.put("/api/me/profile", shopper, profile(Map.of(), 8002, List.of("sporty"))).status());
        Reply sporty = api.get("/api/recommendations?topK=3", shopper);
        assertNotEquals(beforeProfile, sporty.body().get("computedAt"));
        assertEquals(List.of("sporty"), ((Map<?, ?>) sporty.body().get("basedOn")).get("styles"));
        assertEquals(201, api.post("/api/me/memories", shopper, Map.of("type", "fact", "text", "Runs marathons")).status());
        assertNotEquals(sporty.body().get("computedAt"), api.get("/api/recommendations?topK=3", shopper).body().get("computedAt"));
    }

    @Test
    void withoutAnyTasteBestSellersComeFirstThenTheNewest() {
        String buyer = tokens.shopper("swimmer-" + UUID.randomUUID());
        buy(buyer, "SWIM", "M", 3);
        String newcomer = shopper(Map.of(), List.of(), 8002);

        Reply picked = api.get("/api/recommendations?topK=4", newcomer);

        assertEquals(200, picked.status(), picked.body().toString());
        assertEquals(true, ((Map<?, ?>) picked.body().get("basedOn")).get("bestSellers"));
        assertEquals("SWIM", skus(picked).get(0));
        assertEquals(List.of("Popular right now", "Within your budget"), picked.items().get(0).get("reasons"));
        assertEquals(4, skus(picked).size());
    }

    @Test
    void refusesBadParametersAndStrangers() {
        String shopper = tokens.shopper("recommend-bad-" + UUID.randomUUID());
        assertEquals(List.of("occasion"), api.get("/api/recommendations?occasion=%3Cscript%3E", shopper).violatedFields());
        assertEquals(List.of("topK"), api.get("/api/recommendations?topK=0", shopper).violatedFields());
        assertEquals(List.of("topK"), api.get("/api/recommendations?topK=51", shopper).violatedFields());
        assertEquals(List.of("maxPrice"), api.get("/api/recommendations?maxPrice=-1", shopper).violatedFields());
        assertEquals(400, api.get("/api/recommendations?maxPrice=cheap", shopper).status());
        assertEquals(401, api.get("/api/recommendations").status());
    }

    // ----------------------------------------------------------------------------------------------

    private String shopper(Map<String, String> usualSizes, List<String> preferences, int budgetMax) {
        String shopper = tokens.shopper("recommend-" + UUID.randomUUID());
        Reply saved = api.put("/api/me/profile", shopper, profile(usualSizes, budgetMax, List.of()));
        assertEquals(200, saved.status(), saved.body().toString());
        for (String preference : preferences) {
            assertEquals(201, api.post("/api/me/memories", shopper, Map.of("type", "preference", "text", preference)).status());
        }
        return shopper;
    }

    private static Map<String, Object> profile(Map<String, String> usualSizes, int budgetMax, List<String> styles) {
        return Map.of("usualSizes", usualSizes,
                "stylePreferences", Map.of("styles", styles, "colours", List.of(), "occasions", List.of()),
                "budget", Map.of("min", 8001, "max", budgetMax, "currency", "USD"));
    }

    /** A completed checkout of the product; the order id. */
    private String buy(String shopper, String sku, String size, int quantity) {
        String checkoutId = (String) api.post("/api/checkouts", shopper, body(ids.get(sku), size, quantity, "pm_card_visa"),
                key(newKey())).body().get("checkoutId");
        return (String) fixtures.awaitStatus(checkoutId, shopper, "COMPLETED").body().get("orderId");
    }

    private void save(String sku, String name, String description, String category, String color, String price,
            Map<String, Integer> sizes) {
        ids.put(sku, new TestProduct(name, description, category, color, price, sizes)
                .save(api, ops, sku + "-" + tag, "Recommend Test"));
    }

    private List<String> skus(Reply reply) {
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.items().stream().map(RecommendationApiTest::sku).map(this::local).toList();
    }

    private String local(String sku) {
        assertTrue(sku.endsWith("-" + tag), "a product of another test: " + sku);
        return sku.substring(0, sku.length() - tag.length() - 1);
    }

    @SuppressWarnings("unchecked")
    private static String sku(Map<String, Object> item) {
        return (String) ((Map<String, Object>) item.get("product")).get("sku");
    }

    private static String cap(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
