package com.styleshepherd.api.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The catalog endpoints over HTTP against a real PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductApiTest implements RealInfrastructure {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    private String ops;
    /** The three products the listing tests read. */
    private final String category = "api-" + UUID.randomUUID().toString().substring(0, 8);
    /** Where the tests that write put their products, out of the listing tests' way. */
    private final String scratch = category + "-scratch";

    @BeforeAll
    void setUp() {
        ops = tokens.ops("ops1");
        saveProduct("DRESS-" + category, "Blush Wrap Dress", "Viscose wrap dress for weddings", "129.00",
                List.of(Map.of("size", "S", "stock", 0), Map.of("size", "M", "stock", 3)));
        saveProduct("TEE-" + category, "White Cotton Tee", "Everyday cotton t-shirt", "25.00",
                List.of(Map.of("size", "M", "stock", 0), Map.of("size", "L", "stock", 9)));
        saveProduct("BAG-" + category, "Camel Leather Tote", "Roomy leather tote for work", "189.90",
                List.of(Map.of("size", "ONE SIZE", "stock", 2)));
    }

    @Test
    void listsFilteredProductsWithPagination() {
        Reply page1 = api.get("/api/products?category=" + category + "&pageSize=2&page=1");
        assertEquals(200, page1.status());
        assertEquals(3, ((Number) page1.body().get("total")).intValue());
        assertEquals(1, ((Number) page1.body().get("page")).intValue());
        assertEquals(2, ((Number) page1.body().get("pageSize")).intValue());
        assertEquals(2, page1.items().size());
        Reply page2 = api.get("/api/products?category=" + category + "&pageSize=2&page=2");
        assertEquals(1, page2.items().size());

        assertEquals(List.of("DRESS-" + category), skus("?category=" + category + "&q=wedding"));
        assertEquals(List.of("BAG-" + category, "DRESS-" + category),
                skus("?category=" + category + "&minPrice=100").stream().sorted().toList());
        assertEquals(List.of("TEE-" + category), skus("?category=" + category + "&maxPrice=25.00"));
        assertEquals(List.of("DRESS-" + category), skus("?category=" + category + "&size=M&inStock=true"));
        assertEquals(List.of(), skus("?category=" + category + "&size=S&inStock=true"));
    }

    @Test
    void aCachedSearchShowsAProductChangeAtOnce() {
        String sku = "CACHE-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> before = new java.util.HashMap<>(productBody("Ochre Linen Shirt", "Linen shirt", "59.00",
                List.of(Map.of("size", "M", "stock", 4))));
        assertEquals(201, api.put("/api/ops/products/" + sku, ops, before).status());
        String search = "?category=" + scratch + "&q=ochre";
        assertEquals(List.of(sku), skus(search));
        assertEquals(List.of(sku), skus(search), "the second read comes from the search cache");

        Map<String, Object> renamed = new java.util.HashMap<>(before);
        renamed.put("name", "Teal Linen Shirt");
        assertEquals(200, api.put("/api/ops/products/" + sku, ops, renamed).status());

        assertEquals(List.of(), skus(search), "saving a product invalidates every cached search");
        assertEquals(List.of(sku), skus("?category=" + scratch + "&q=teal"));
    }

    @Test
    void readsOneProductWithMoneyAsADecimalString() {
        Map<String, Object> dress = api.get("/api/products?category=" + category + "&q=wrap").items().get(0);
        Reply one = api.get("/api/products/" + ((Number) dress.get("id")).longValue());
        assertEquals(200, one.status());
        assertEquals("129.00", one.body().get("price"));
        assertEquals("USD", one.body().get("currency"));
        assertEquals(List.of(Map.of("size", "S", "stock", 0), Map.of("size", "M", "stock", 3)), one.body().get("sizes"));
    }

    @Test
    void anUnknownProductIsA404Problem() {
        Reply missing = api.get("/api/products/987654321");
        assertEquals(404, missing.status());
        assertEquals(PROBLEM_JSON, missing.contentType());
        assertEquals("Not Found", missing.body().get("title"));
        assertEquals("No product with id 987654321", missing.body().get("detail"));
    }

    @Test
    void badQueryParametersAreProblemsNamingTheField() {
        assertViolation(api.get("/api/products?pageSize=500"), "pageSize");
        assertViolation(api.get("/api/products?page=0"), "page");
        assertViolation(api.get("/api/products?minPrice=abc"), "minPrice");
        assertViolation(api.get("/api/products?minPrice=-1"), "minPrice");
        assertViolation(api.get("/api/products?minPrice=50&maxPrice=10"), "minPrice");
        assertViolation(api.get("/api/products?category=Not%20A%20Slug"), "category");
        assertViolation(api.get("/api/products?inStock=perhaps"), "inStock");
        assertViolation(api.get("/api/products/abc"), "id");
    }

    @Test
    void opsCreateThenReplaceAProduct() {
        String sku = "COAT-" + category;
        Map<String, Object> body = productBody("Olive Parka", "Waterproof parka", "149.00",
                List.of(Map.of("size", "M", "stock", 5), Map.of("size", "L", "stock", 2)));
        Reply created = api.put("/api/ops/products/" + sku, ops, body);
        assertEquals(201, created.status());
        long id = ((Number) created.body().get("id")).longValue();
        assertEquals("/api/products/" + id, created.header("Location").orElseThrow());
        assertEquals("149.00", created.body().get("price"));

        Reply again = api.put("/api/ops/products/" + sku, ops, body);
        assertEquals(200, again.status());
        assertEquals(id, ((Number) again.body().get("id")).longValue());

        Reply replaced = api.put("/api/ops/products/" + sku, ops, productBody("Olive Parka", "Waterproof parka",
                "139.00", List.of(Map.of("size", "L", "stock", 4))));
        assertEquals(200, replaced.status());
        assertEquals("139.00", api.get("/api/products/" + id).body().get("price"));
        assertEquals(List.of(Map.of("size", "L", "stock", 4)), api.get("/api/products/" + id).body().get("sizes"));
    }

    @Test
    void anInvalidProductIsRejectedAndChangesNothing() {
        String sku = "BAD-" + category;
        Reply invalid = api.put("/api/ops/products/" + sku, ops, Map.of(
                "name", "", "description", "x", "category", "Outerwear", "price", "49.999", "currency", "usd",
                "sizes", List.of(Map.of("size", "M", "stock", -1))));
        assertEquals(400, invalid.status());
        assertEquals(PROBLEM_JSON, invalid.contentType());
        assertEquals(List.of("category", "currency", "name", "price", "sizes[0].stock"),
                invalid.violatedFields().stream().sorted().toList());

        assertViolation(api.put("/api/ops/products/" + sku, ops, productBody("Parka", "Warm", "10.00",
                List.of(Map.of("size", "M", "stock", 1), Map.of("size", "M", "stock", 2)))), "sizes[1].size");
        Map<String, Object> unknownCurrency = new java.util.HashMap<>(productBody("Parka", "Warm", "10.00",
                List.of(Map.of("size", "M", "stock", 1))));
        unknownCurrency.put("currency", "ZZZ");
        assertViolation(api.put("/api/ops/products/" + sku, ops, unknownCurrency), "currency");
        assertViolation(api.put("/api/ops/products/" + sku, ops, productBody("Parka", "Warm", "10.00", List.of())), "sizes");
        assertViolation(api.put("/api/ops/products/" + sku, ops, productBody("Parka", "Warm", "10.00",
                List.of(Map.of("size", "M", "stock", "many")))), "sizes[0].stock");
        assertViolation(api.put("/api/ops/products/bad%20sku!", ops, productBody("Parka", "Warm", "10.00",
                List.of(Map.of("size", "M", "stock", 1)))), "sku");

        assertEquals(List.of(), skus("?category=" + scratch).stream().filter(s -> s.startsWith("BAD-")).toList(),
                "a rejected product is not saved");
    }

    @Test
    void malformedJsonIsA400ProblemWithoutInternals() {
        Reply reply = api.put("/api/ops/products/JSON-" + category, ops, "{\"name\": \"x\", broken");
        assertEquals(400, reply.status());
        assertEquals(PROBLEM_JSON, reply.contentType());
        String text = reply.body().toString();
        assertFalse(text.contains("Exception") || text.contains("at com.") || text.contains("stackTrace"), text);
    }

    @Test
    void unknownRoutesAre404Problems() {
        Reply reply = api.get("/api/no-such-thing");
        assertEquals(404, reply.status());
        assertEquals(PROBLEM_JSON, reply.contentType());
    }

    @Test
    void anAttributeMayBeNullAsAnyJsonValue() {
        Map<String, Object> body = new java.util.HashMap<>(productBody("Null Lining Coat", "Coat without a lining",
                "99.00", List.of(Map.of("size", "M", "stock", 1))));
        java.util.Map<String, Object> attributes = new java.util.HashMap<>();
        attributes.put("lining", null);
        attributes.put("fabric", "wool");
        body.put("attributes", attributes);
        Reply saved = api.put("/api/ops/products/NULL-LINING-" + java.util.UUID.randomUUID().toString().substring(0, 8), ops, body);
        assertTrue(saved.status() == 201, saved::toString);
    }

    private void saveProduct(String sku, String name, String description, String price, List<Map<String, Object>> sizes) {
        Map<String, Object> body = new java.util.HashMap<>(productBody(name, description, price, sizes));
        body.put("category", category);
        Reply reply = api.put("/api/ops/products/" + sku, ops, body);
        assertTrue(reply.status() == 201 || reply.status() == 200, () -> "save " + sku + ": " + reply);
    }

    private Map<String, Object> productBody(String name, String description, String price, List<Map<String, Object>> sizes) {
        return Map.of("name", name, "description", description, "category", scratch, "price", price,
                "currency", "USD", "sizes", sizes);
    }

    private List<String> skus(String query) {
        Reply reply = api.get("/api/products" + query);
        assertEquals(200, reply.status(), reply::toString);
        return reply.items().stream().map(p -> (String) p.get("sku")).toList();
    }

    private static void assertViolation(Reply reply, String field) {
        assertEquals(400, reply.status(), reply::toString);
        assertEquals(PROBLEM_JSON, reply.contentType());
        assertTrue(reply.violatedFields().contains(field), () -> "expected a violation of " + field + ": " + reply.body());
    }
}
