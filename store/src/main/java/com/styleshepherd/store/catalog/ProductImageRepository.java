package com.styleshepherd.store.catalog;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The SQL behind {@link ProductImages}: which stored object is a product's picture. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProductImageRepository extends GenericRepository<Product, Long> {

    /**
     * Makes the object the product's picture; how many rows changed (0: the product is gone, or this was
     * already its picture). A new picture bumps content_version, so the image embedding is made again.
     */
    @Query("""
            UPDATE products SET image_key = :key, image_content_type = :contentType, image_size = :size,
                image_sha256 = :sha256, content_version = content_version + 1, updated_at = now()
            WHERE id = :productId AND image_key IS DISTINCT FROM :key
            """)
    int attach(long productId, String key, String contentType, long size, String sha256);
}
