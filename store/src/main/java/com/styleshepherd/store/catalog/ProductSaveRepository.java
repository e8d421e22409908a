package com.styleshepherd.store.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;

/** The SQL behind {@link ProductCatalog#save}: a product and its sizes, each written only when it changed. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProductSaveRepository extends GenericRepository<Product, Long> {

    /**
     * Inserts the product or updates the one with its SKU: true when it inserted, false when it updated. A
     * change to what a shopper reads bumps content_version, which marks the embedding stale. The WHERE
     * clause skips the update (and returns no row: null) when nothing changed. Micronaut Data maps an
     * INSERT ... RETURNING to the entity or to one column, never to a DTO, and answers no row with null
     * even for an Optional: hence one nullable flag.
     */
    @Query("""
            INSERT INTO products (sku, name, description, category, brand, color, price, currency, attributes,
                                  image_ref)
            VALUES (:sku, :name, :description, :category, :brand, :color, :price, :currency,
                    CAST(:attributes AS jsonb), :imageRef)
            ON CONFLICT (sku) DO UPDATE SET
                name = EXCLUDED.name, description = EXCLUDED.description, category = EXCLUDED.category,
                brand = EXCLUDED.brand, color = EXCLUDED.color, price = EXCLUDED.price,
                currency = EXCLUDED.currency, attributes = EXCLUDED.attributes, image_ref = EXCLUDED.image_ref,
                -- A picture named anew is no longer the stored object: ProductImages stores the new one.
                image_key = CASE WHEN products.image_ref IS DISTINCT FROM EXCLUDED.image_ref THEN NULL
                    ELSE products.image_key END,
                image_content_type = CASE WHEN products.image_ref IS DISTINCT FROM EXCLUDED.image_ref THEN NULL
                    ELSE products.image_content_type END,
                image_size = CASE WHEN products.image_ref IS DISTINCT FROM EXCLUDED.image_ref THEN NULL
                    ELSE products.image_size END,
                image_sha256 = CASE WHEN products.image_ref IS DISTINCT FROM EXCLUDED.image_ref THEN NULL
                    ELSE products.image_sha256 END,
                content_version = products.content_version + CASE
                    WHEN (products.name, products.description, products.category, products.brand,
                          products.color, products.attributes, products.image_ref)
                         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description, EXCLUDED.category,
                          EXCLUDED.brand, EXCLUDED.color, EXCLUDED.attributes, EXCLUDED.image_ref)
                    THEN 1 ELSE 0 END,
                updated_at = now()
            WHERE (products.name, products.description, products.category, products.brand, products.color,
                   products.price, products.currency, products.attributes, products.image_ref)
                  IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description, EXCLUDED.category, EXCLUDED.brand,
                   EXCLUDED.color, EXCLUDED.price, EXCLUDED.currency, EXCLUDED.attributes, EXCLUDED.image_ref)
            RETURNING (xmax = 0) AS inserted
            """)
    @Nullable
    Boolean upsert(String sku, String name, String description, String category, @Nullable String brand,
            @Nullable String color, BigDecimal price, String currency, String attributes, @Nullable String imageRef);

    /**
     * Offers the product in these sizes with this stock, each at its place in {@code sizes}; how many rows
     * changed. A size named twice is saved once, as its last mention says.
     */
    @Query("""
            INSERT INTO product_sizes (product_id, size, position, stock, active)
            SELECT DISTINCT ON (offered.size) :productId, offered.size, offered.n - 1, offered.stock, TRUE
            FROM unnest(:sizes, :stocks) WITH ORDINALITY AS offered(size, stock, n)
            ORDER BY offered.size, offered.n DESC
            ON CONFLICT (product_id, size) DO UPDATE SET
                position = EXCLUDED.position, stock = EXCLUDED.stock, active = TRUE, updated_at = now()
            WHERE (product_sizes.position, product_sizes.stock, product_sizes.active)
                  IS DISTINCT FROM (EXCLUDED.position, EXCLUDED.stock, TRUE)
            """)
    int upsertSizes(long productId, String[] sizes, int[] stocks);

    /**
     * Stops selling the product's other sizes. They stay for the reservations and order lines that point
     * at them.
     */
    @Query("""
            UPDATE product_sizes SET active = FALSE, stock = 0, updated_at = now()
            WHERE product_id = :productId AND active AND NOT (size = ANY (:sizes))
            """)
    int retireOtherSizes(long productId, String[] sizes);
}
