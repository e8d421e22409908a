package com.styleshepherd.api.catalog.importing;

import com.styleshepherd.api.catalog.SaveProductRequest;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
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
        @Nullable @QueryValue @Pattern(regexp = "jsonl|csv", message = "must be jsonl or csv") String format,
        @Nullable @QueryValue @Pattern(regexp = "native|myntra|fashion-product-images",
                message = "must be native, myntra or fashion-product-images") String mapping,
        @Nullable @QueryValue @Pattern(regexp = SaveProductRequest.PRICE, message = "must be a decimal amount such as 49.90") String defaultPrice,
        @Nullable @QueryValue @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
        @Nullable @QueryValue @Pattern(regexp = SaveProductRequest.SIZE + "(," + SaveProductRequest.SIZE + "){0,39}",
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
