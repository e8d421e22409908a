package com.styleshepherd.api.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.SharedData;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Embedding jobs, semantic search and visual search over HTTP, with both workers in-process (the dev
 * stack's arrangement) against real PostgreSQL, Redis and the Temporal test server. The products of
 * this class carry prices in a band no other test uses, so a price filter isolates them.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
class SemanticSearchApiTest implements TestPropertyProvider {

    private static final String BAND = "&minPrice=7001&maxPrice=7002";

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CatalogEmbeddings embeddings;

    private String ops;
    private final String tag = UUID.randomUUID().toString().substring(0, 6);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestInfrastructure.properties());
        SharedData.root().ifPresent(root ->
                properties.put("styleshepherd.catalog.image-root", root.resolve("catalog/images").toString()));
        return properties;
    }

    @BeforeAll
    void setUp() {
        ops = tokens.ops("ops-search");
        save("GOWN", "Scarlet Satin Evening Gown", "Floor-length satin gown for formal evening parties and galas",
                "dresses", "red", "7001.10", List.of("S", "M"), null);
        save("WALLET", "Brown Leather Bifold Wallet", "Slim wallet with card slots and a coin pocket",
                "accessories", "brown", "7001.20", List.of("ONE SIZE"), null);
        save("RUNNER", "Cushioned Road Running Shoes", "Breathable mesh trainers for daily runs and the gym",
                "shoes", "black", "7001.30", List.of("42", "43"), null);
        save("COAT", "Camel Wool Winter Coat", "Warm double-breasted wool coat for cold winter days",
                "coats", "camel", "7001.40", List.of("XS", "M"), null);
        save("SHIRT", "White Linen Summer Shirt", "Light breathable linen shirt for hot beach holidays",
                "shirts", "white", "7001.50", List.of("M", "L"), null);
    }

    @Test
    void embedsWhatChangedOnceAndSearchesByMeaningWithExactFilters() {
        // Another test of this class may have run a job already: this product is new either way.
        save("SCARF", "Silk Paisley Scarf", "Lightweight silk scarf with a paisley print", "accessories", "blue",
                "7001.60", List.of("ONE SIZE"), null);
        Map<String, Object> job = runJob();
        assertEquals("COMPLETED", job.get("state"));
        // Pictures other tests' products name but this context cannot read are skipped, not embedded.
        assertEquals(number(job, "total"), number(job, "processed") + number(job, "skipped"),
                "every waiting product was embedded or skipped: " + job);
        assertTrue(((Number) job.get("processed")).intValue() >= 1, job.toString());
        assertNotNull(job.get("startedAt"));
        assertEquals(0, ((Number) job.get("etaSeconds")).intValue());
        assertEquals("all-MiniLM-L6-v2/onnx-int8", ((Map<?, ?>) job.get("models")).get("TEXT"));

        Map<String, Object> again = runJob();
        assertEquals(0, number(again, "processed"), "nothing changed, nothing embedded: " + again);
        assertEquals(number(again, "total"), number(again, "skipped"), "only unreadable pictures wait: " + again);

        assertEquals("GOWN", first("elegant dress for a formal evening party"));
        assertEquals("RUNNER", first("sneakers for jogging"));
        assertEquals("COAT", first("something warm for the cold"));
        assertEquals("SHIRT", first("what to wear on a hot beach"));
        Reply search = api.get("/api/search?q=dress" + BAND);
        assertEquals("all-MiniLM-L6-v2/onnx-int8", search.body().get("model"));
        assertEquals(6, search.items().size());
        double top = ((Number) search.items().get(0).get("score")).doubleValue();
        double last = ((Number) search.items().get(5).get("score")).doubleValue();
        assertTrue(top > last, "scores descend");

        // Filters are exact: only the coat comes in XS, so it is the one answer however far it is from "red dress".
        assertEquals(List.of("COAT"), skus("/api/search?q=red+dress&size=XS&inStock=true" + BAND));
        assertEquals(List.of("WALLET", "SCARF"), skus("/api/search?q=leather&category=accessories" + BAND));
        List<String> topTwo = skus("/api/search?q=red+gown&topK=2" + BAND);
        assertEquals(2, topTwo.size());
        assertEquals("GOWN", topTwo.get(0));

        // A product change marks it for re-embedding; the next job embeds only it.
        save("WALLET", "Brown Leather Bifold Wallet", "Polarised aviator sunglasses with a metal frame",
                "accessories", "brown", "7001.20", List.of("ONE SIZE"), null);
        Map<String, Object> changed = runJob();
        assertEquals(1, number(changed, "processed"), changed.toString());
        // The api's index catches up within styleshepherd.search.index-refresh (1 s).
        Instant deadline = Instant.now().plusSeconds(5);
        while (!first("polarised aviator sunglasses").equals("WALLET") && Instant.now().isBefore(deadline)) {
            CatalogEmbeddings.sleep(100);
        }
        assertEquals("WALLET", first("polarised aviator sunglasses"));
    }

    @Test
    void refusesBadSearchesAndUnknownJobs() {
        Reply blank = api.get("/api/search?q=%20");
        assertEquals(400, blank.status());
        assertEquals(List.of("q"), blank.violatedFields());
        assertEquals(List.of("topK"), api.get("/api/search?q=dress&topK=101").violatedFields());
        assertEquals(List.of("minPrice"), api.get("/api/search?q=dress&minPrice=9&maxPrice=1").violatedFields());
        assertEquals(List.of("category"), api.get("/api/search?q=dress&category=Not%20A%20Slug").violatedFields());

        assertEquals(404, api.get("/api/ops/catalog/embeddings/" + UUID.randomUUID(), ops).status());
        Reply badId = api.get("/api/ops/catalog/embeddings/not-a-uuid", ops);
        assertEquals(400, badId.status());
        assertEquals(List.of("jobId"), badId.violatedFields());
        assertEquals(403, api.post("/api/ops/catalog/embeddings", tokens.shopper("shopper-search"), Map.of()).status());
        assertEquals(401, api.post("/api/ops/catalog/embeddings", null, Map.of()).status());
    }

    @Test
    void visualSearchFindsTheProductsOwnPictureFirst() throws IOException {
        Path images = SharedData.require("catalog/images");
        for (int id = 10000; id < 10012; id++) {
            if (Files.exists(images.resolve(id + ".jpg"))) {
                save("PIC" + id, "Catalog photo product " + id, "A product with a photo", "photos", null,
                        "7003.00", List.of("M"), id + ".jpg");
            }
        }
        Map<String, Object> job = runJob();
        assertEquals("COMPLETED", job.get("state"), job.toString());
        assertEquals("colour-texture-histogram/1", ((Map<?, ?>) job.get("models")).get("IMAGE"));

        for (String id : List.of("10003", "10007")) {
            byte[] photo = Files.readAllBytes(images.resolve(id + ".jpg"));
            Reply found = api.upload("/api/search/visual?topK=3&category=photos&minPrice=7003&maxPrice=7003", null, "image", id + ".jpg",
                    MediaType.IMAGE_JPEG_TYPE, photo);
            assertEquals(200, found.status(), found.body().toString());
            assertEquals("PIC" + id + "-" + tag, sku(found.items().get(0)));
            assertEquals(1.0, ((Number) found.items().get(0).get("score")).doubleValue(), 1e-4);
        }

        Reply notAPicture = api.upload("/api/search/visual", null, "image", "notes.txt", MediaType.TEXT_PLAIN_TYPE,
                "not a picture".getBytes());
        assertEquals(400, notAPicture.status());
        assertEquals(List.of("image"), notAPicture.violatedFields());
        Reply noPart = api.upload("/api/search/visual", null, "photo", "x.jpg", MediaType.IMAGE_JPEG_TYPE, new byte[] {1});
        assertEquals(400, noPart.status());
        assertEquals(List.of("image"), noPart.violatedFields());
        assertEquals(415, api.post("/api/search/visual", null, Map.of("image", "x")).status());
    }

    private Map<String, Object> runJob() {
        return embeddings.run(ops);
    }

    private static int number(Map<String, Object> job, String field) {
        return ((Number) job.get(field)).intValue();
    }

    private String first(String query) {
        return skus("/api/search?q=" + query.replace(' ', '+') + BAND).get(0);
    }

    private List<String> skus(String uri) {
        Reply reply = api.get(uri);
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.items().stream().map(SemanticSearchApiTest::sku).map(s -> s.substring(0, s.lastIndexOf('-'))).toList();
    }

    @SuppressWarnings("unchecked")
    private static String sku(Map<String, Object> item) {
        return (String) ((Map<String, Object>) item.get("product")).get("sku");
    }

    private void save(String sku, String name, String description, String category, String color, String price,
            List<String> sizes, String image) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", description);
        body.put("category", category);
        body.put("brand", "Search Test");
        if (color != null) {
            body.put("color", color);
        }
        body.put("price", price);
        body.put("currency", "USD");
        if (image != null) {
            body.put("image", image);
        }
        body.put("sizes", sizes.stream().map(size -> Map.of("size", size, "stock", 3)).toList());
        Reply saved = api.put("/api/ops/products/" + sku + "-" + tag, ops, body);
        assertTrue(saved.status() == 200 || saved.status() == 201, saved.body().toString());
    }
}
