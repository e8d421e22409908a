package com.styleshepherd.store.catalog;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;

/**
 * Filters of a catalog listing; every one is optional and they combine with AND.
 *
 * @param text full-text query over name, category, colour, brand and description
 * @param category exact category slug
 * @param colour colour, case-insensitive ("navy" matches "Navy")
 * @param minPrice lowest price, inclusive
 * @param maxPrice highest price, inclusive
 * @param size only products offered in this size (with stock, when {@code inStock})
 * @param inStock only products with stock in some size (or in {@code size}, when given)
 */
public record CatalogQuery(
        @Nullable String text,
        @Nullable String category,
        @Nullable String colour,
        @Nullable BigDecimal minPrice,
        @Nullable BigDecimal maxPrice,
        @Nullable String size,
        boolean inStock) {
}
