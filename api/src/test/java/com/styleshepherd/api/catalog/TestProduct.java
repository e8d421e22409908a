package com.styleshepherd.api.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import java.util.HashMap;
import java.util.Map;

/**
 * A USD product a test saves through {@code PUT /api/ops/products/{sku}}, with its stock per size.
 *
 * @param price a decimal string, e.g. {@code "60.00"}
 */
public record TestProduct(String name, String description, String category, String color, String price,
        Map<String, Integer> sizes) {

    /** Saves it (created or replaced) and returns its id. */
    public long save(Api api, String opsToken, String sku, String brand) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", description);
        body.put("category", category);
        body.put("brand", brand);
        body.put("color", color);
        body.put("price", price);
        body.put("currency", "USD");
        body.put("sizes", sizes.entrySet().stream().map(e -> Map.of("size", e.getKey(), "stock", e.getValue())).toList());
        Api.Reply saved = api.put("/api/ops/products/" + sku, opsToken, body);
        assertTrue(saved.status() == 200 || saved.status() == 201, saved.body().toString());
        return ((Number) saved.body().get("id")).longValue();
    }
}
