package com.styleshepherd.api.catalog;

import com.styleshepherd.api.docs.JsonObject;
import com.styleshepherd.store.catalog.CatalogProduct;
import com.styleshepherd.store.catalog.Product;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * A product as the frontend reads it. {@code price} is a decimal string ("49.90") so no client turns
 * money into a floating-point number. {@code image} is the picture as ops named it (a file name or a URL);
 * {@code imageUrl}, where the shop serves it from object storage ({@code GET /api/products/{id}/image}), once
 * it is stored there.
 */
@Serdeable
public record ProductResponse(
        long id,
        String sku,
        String name,
        String description,
        String category,
        @Nullable String brand,
        @Nullable String color,
        String price,
        String currency,
        @JsonObject Map<String, Object> attributes,
        @Nullable String image,
        List<SizeStock> sizes,
        @Nullable String imageUrl) {

    @Serdeable
    public record SizeStock(String size, int stock) {
    }

    public static ProductResponse of(CatalogProduct catalogProduct) {
        Product p = catalogProduct.product();
        return new ProductResponse(p.id(), p.sku(), p.name(), p.description(), p.category(), p.brand(), p.color(),
                p.price().toPlainString(), p.currency(), p.attributes(), p.imageRef(),
                catalogProduct.sizes().stream().map(s -> new SizeStock(s.size(), s.stock())).toList(),
                p.imageKey() == null ? null : ProductImageController.path(p.id()));
    }
}
