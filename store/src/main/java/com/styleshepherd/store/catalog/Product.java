package com.styleshepherd.store.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A product as stored; its sizes and stock are {@link ProductSize} rows. Its picture is the object
 * {@code imageKey} in object storage ({@link ProductImages}); {@code imageRef} is what it was read from (a
 * file name under the image root or a URL), and the picture itself for rows from before object storage.
 */
@MappedEntity("products")
public record Product(
        @Id @GeneratedValue(GeneratedValue.Type.IDENTITY) Long id,
        String sku,
        String name,
        String description,
        String category,
        @Nullable String brand,
        @Nullable String color,
        BigDecimal price,
        String currency,
        @TypeDef(type = DataType.JSON) Map<String, Object> attributes,
        @Nullable String imageRef,
        @Nullable String imageKey,
        @Nullable String imageContentType,
        @Nullable Long imageSize,
        @Nullable String imageSha256,
        int contentVersion,
        Instant createdAt,
        Instant updatedAt) {
}
