package com.styleshepherd.api.catalog;

import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.api.problem.FieldProblem;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Query parameters of {@code GET /api/products}. Pages are 1-based; {@code pageSize} is at most 100.
 */
@Introspected
public record ProductSearchRequest(
        @Nullable @QueryValue @Size(max = 200) String q,
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
        @Nullable @QueryValue @Min(1) @Max(10_000) Integer page,
        @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {

    /** The search's identity for the cache: every parameter, normalised, hashed (SHA-256). */
    String cacheKey() {
        String canonical = String.join("\u0001", String.valueOf(q), String.valueOf(category), String.valueOf(colour),
                minPrice == null ? "" : minPrice.stripTrailingZeros().toPlainString(),
                maxPrice == null ? "" : maxPrice.stripTrailingZeros().toPlainString(), String.valueOf(size),
                String.valueOf(inStock), String.valueOf(paging().page()), String.valueOf(paging().pageSize()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rejects a price range whose bottom is above its top: it would match nothing, by mistake. */
    void checkPriceRange() {
        checkPriceRange(minPrice, maxPrice);
    }

    /** The same check for every endpoint with a price range (catalog listing, semantic search). */
    public static void checkPriceRange(BigDecimal minPrice, BigDecimal maxPrice) {
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw FieldProblem.of("minPrice", "must not be greater than maxPrice");
        }
    }

    Paging paging() {
        return Paging.of(page, pageSize);
    }

    CatalogQuery toQuery() {
        String text = q == null || q.isBlank() ? null : q.trim();
        return new CatalogQuery(text, category, colour == null || colour.isBlank() ? null : colour.strip(), minPrice, maxPrice, size, "true".equals(inStock));
    }
}
