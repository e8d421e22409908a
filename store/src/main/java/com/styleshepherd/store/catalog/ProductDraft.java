package com.styleshepherd.store.catalog;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that defines a product, as ops or an import provide it. Saving a draft replaces the
 * product with that SKU, including which sizes are sold and their stock.
 *
 * @param imageRef the product's picture: a file name under {@code styleshepherd.catalog.image-root} or an
 *     http(s) URL; null when it has none
 * @param sizes in display order; each size's stock is the number of units that can be sold
 */
public record ProductDraft(
        String sku,
        String name,
        String description,
        String category,
        @Nullable String brand,
        @Nullable String color,
        BigDecimal price,
        String currency,
        Map<String, Object> attributes,
        @Nullable String imageRef,
        List<SizeStock> sizes) {

    public ProductDraft {
        // Any JSON values, null among them ({"lining": null}): Map.copyOf would refuse a null.
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        sizes = List.copyOf(sizes);
    }

    /** Units of one size that can be sold. */
    public record SizeStock(String size, int stock) {
    }
}
