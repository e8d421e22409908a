package com.styleshepherd.store.catalog;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One size a product is offered in. {@code stock} is what can still be sold (reservations have
 * already been taken out of it).
 */
@MappedEntity("product_sizes")
public record ProductSize(
        @Id @GeneratedValue(GeneratedValue.Type.IDENTITY) Long id,
        Long productId,
        String size,
        short position,
        int stock,
        boolean active,
        Instant updatedAt) {
}
