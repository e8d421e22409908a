package com.styleshepherd.api.catalog.importing;

import com.styleshepherd.api.catalog.SaveProductRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** One line of a JSONL import: a SKU and the body {@code PUT /api/ops/products/{sku}} takes. */
@Serdeable
record JsonlProduct(
        @Nullable String sku,
        @Nullable String name,
        @Nullable String description,
        @Nullable String category,
        @Nullable String brand,
        @Nullable String color,
        @Nullable String price,
        @Nullable String currency,
        @Nullable Map<String, Object> attributes,
        @Nullable String image,
        @Nullable List<SaveProductRequest.SizeStock> sizes) {

    SaveProductRequest request() {
        return new SaveProductRequest(name, description, category, brand, color, price, currency, attributes, image,
                sizes);
    }
}
