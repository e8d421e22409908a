package com.styleshepherd.api.catalog.importing;

import com.styleshepherd.api.catalog.SaveProductRequest;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import java.util.List;

/**
 * Query parameters of an import.
 *
 * @param format {@code jsonl} or {@code csv}; by default from the file name's extension
 * @param mapping how CSV columns map to products: {@code native} (our columns, the default),
 *     {@code myntra} (Myntra products catalog) or {@code fashion-product-images} (its styles.csv)
 * @param defaultPrice the price of rows that have none (styles.csv has no prices)
 * @param currency the currency of {@code defaultPrice} and of CSV rows without one (myntra: INR)
 * @param defaultSizes sizes, comma-separated, for rows that list none (the public files list none)
 * @param defaultStock units of each default size
 */
@Introspected
public record ImportOptions(
        @Nullable @QueryValue @Schema(allowableValues = {"jsonl", "csv"})
        @Pattern(regexp = "^(jsonl|csv)$", message = "must be jsonl or csv") String format,
        @Nullable @QueryValue @Schema(allowableValues = {"native", "myntra", "fashion-product-images"})
        @Pattern(regexp = "^(native|myntra|fashion-product-images)$",
                message = "must be native, myntra or fashion-product-images") String mapping,
        @Nullable @QueryValue @Schema(maxLength = 13)
        @Pattern(regexp = SaveProductRequest.PRICE, message = "must be a decimal amount such as 49.90")
        String defaultPrice,
        @Nullable @QueryValue @Schema(maxLength = 3)
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as USD") String currency,
        @Nullable @QueryValue @Schema(maxLength = 680)
        @Pattern(regexp = "^" + SaveProductRequest.SIZE_TEXT + "(," + SaveProductRequest.SIZE_TEXT + "){0,39}$",
                message = "must be sizes separated by commas, such as S,M,L") String defaultSizes,
        @Nullable @QueryValue @Min(0) @Max(1_000_000) Integer defaultStock) {

    String mappingOrNative() {
        return mapping == null ? "native" : mapping;
    }

    List<String> sizes() {
        return defaultSizes == null ? List.of() : Arrays.stream(defaultSizes.split(",")).map(String::strip).toList();
    }

    int stock() {
        return defaultStock == null ? 0 : defaultStock;
    }
}
