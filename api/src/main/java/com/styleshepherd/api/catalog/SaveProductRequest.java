package com.styleshepherd.api.catalog;

import com.styleshepherd.api.docs.JsonObject;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.store.catalog.ProductDraft;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Body of {@code PUT /api/ops/products/{sku}}: the whole product, which replaces what is stored.
 *
 * @param price a decimal string with at most two decimals, e.g. {@code "49.90"}
 * @param currency an ISO 4217 code, e.g. {@code "USD"}
 * @param image the product's picture: a file name under the configured image root (e.g. {@code 10000.jpg})
 *     or an http(s) URL; used for visual search
 * @param sizes the sizes sold, in display order, each with the units that can be sold
 */
@Serdeable
public record SaveProductRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 4000) String description,
        @NotNull @Schema(maxLength = 64)
        @Pattern(regexp = CATEGORY, message = "must be a lowercase slug such as dresses or knitwear") String category,
        @Nullable @Size(max = 100) String brand,
        @Nullable @Size(max = 40) String color,
        @NotNull @Schema(maxLength = 13)
        @Pattern(regexp = PRICE, message = "must be a decimal amount with at most 2 decimals, such as 49.90")
        String price,
        @NotNull @Schema(maxLength = 3)
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as USD") String currency,
        @Nullable @Size(max = 50) @JsonObject Map<String, Object> attributes,
        @Nullable @Size(max = 500) @Pattern(regexp = IMAGE, message = "must be a file name such as 10000.jpg or an http(s) URL") String image,
        @NotEmpty @Size(max = 40) List<@Valid @NotNull SizeStock> sizes) {

    public static final String CATEGORY = "^[a-z][a-z0-9-]{1,63}$";
    public static final String SIZE_TEXT = "[A-Za-z0-9][A-Za-z0-9./ -]{0,15}";
    public static final String SIZE = "^" + SIZE_TEXT + "$";
    public static final String SKU = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
    /** A relative file name (no "..", no leading slash) or an http(s) URL. */
    static final String IMAGE = "^((https?://[!-~]+)|((?!.*\\.\\.)[A-Za-z0-9_-][A-Za-z0-9._/-]*))$";
    public static final String PRICE = "^[0-9]{1,10}(\\.[0-9]{1,2})?$";

    @Serdeable
    public record SizeStock(
            @NotNull @Schema(maxLength = 16)
            @Pattern(regexp = SIZE, message = "must be a size such as M, 38 or ONE SIZE") String size,
            @NotNull @Min(0) @Max(1_000_000) Integer stock) {
    }

    /** The draft to save, after the checks annotations cannot express. */
    public ProductDraft toDraft(String sku) {
        if (!isKnownCurrency(currency)) {
            throw FieldProblem.of("currency", "is not an ISO 4217 currency code");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < sizes.size(); i++) {
            if (!seen.add(sizes.get(i).size())) {
                throw FieldProblem.of("sizes[" + i + "].size", "duplicates size " + sizes.get(i).size());
            }
        }
        return new ProductDraft(sku, name.strip(), description.strip(), category, blankToNull(brand),
                blankToNull(color), new BigDecimal(price), currency, attributes, blankToNull(image),
                sizes.stream().map(s -> new ProductDraft.SizeStock(s.size(), s.stock())).toList());
    }

    private static boolean isKnownCurrency(String code) {
        return Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(code));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
