package com.styleshepherd.store.checkout;

import com.styleshepherd.store.catalog.Product;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.util.List;

/** The read behind {@link CartPricing}: every size of the cart's products with its product's price. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PricingRepository extends GenericRepository<Product, Long> {

    /** One size of a product, priced; {@code id} is the product's. */
    @Introspected
    record SizeOnSale(long id, String sku, String name, String category, BigDecimal price, String currency,
            long sizeId, String size, boolean active) {
    }

    @Query("""
            SELECT p.id, p.sku, p.name, p.category, p.price, p.currency, s.id AS size_id, s.size, s.active
            FROM products p JOIN product_sizes s ON s.product_id = p.id
            WHERE p.id = ANY (:productIds)
            """)
    List<SizeOnSale> sizesOf(Long[] productIds);
}
