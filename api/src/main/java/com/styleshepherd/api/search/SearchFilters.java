package com.styleshepherd.api.search;

import com.styleshepherd.api.catalog.ProductSearchRequest;
import com.styleshepherd.api.catalog.SaveProductRequest;
import com.styleshepherd.store.catalog.CatalogQuery;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * The filters of a semantic or visual search: the same as {@code GET /api/products}, applied exactly
 * before ranking, and how many results to return ({@code topK}, 1–100, default 20).
 */
@Introspected
public record SearchFilters(
        @Nullable @QueryValue @Schema(maxLength = 64)
        @Pattern(regexp = SaveProductRequest.CATEGORY, message = "must be a category slug such as dresses")
        String category,
        @Nullable @QueryValue @Size(max = 40) String colour,
        @Schema(multipleOf = 0.01, maximum = "9999999999.99")
        @Nullable @QueryValue @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal minPrice,
        @Schema(multipleOf = 0.01, maximum = "9999999999.99")
        @Nullable @QueryValue @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal maxPrice,
        @Nullable @QueryValue @Schema(maxLength = 16)
        @Pattern(regexp = SaveProductRequest.SIZE, message = "must be a size such as M, 38 or ONE SIZE") String size,
        @Nullable @QueryValue @Schema(allowableValues = {"true", "false"})
        @Pattern(regexp = "^(true|false)$", message = "must be true or false") String inStock,
        @Nullable @QueryValue @Min(1) @Max(100) Integer topK) {

    public static final int DEFAULT_TOP_K = 20;

    /** The catalog filters; a price range whose bottom is above its top is refused, naming minPrice. */
    public CatalogQuery toQuery() {
        ProductSearchRequest.checkPriceRange(minPrice, maxPrice);
        return new CatalogQuery(null, category, colour == null || colour.isBlank() ? null : colour.strip(), minPrice, maxPrice, size, "true".equals(inStock));
    }

    public int k() {
        return topK == null ? DEFAULT_TOP_K : topK;
    }
}
