package com.styleshepherd.store.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProductRepository extends GenericRepository<Product, Long> {

    // Each filter is "parameter IS NULL OR condition" so one statement serves every combination;
    // the CASTs give PostgreSQL a type for parameters bound as NULL.
    String FILTERS = """
            FROM products p
            WHERE (CAST(:text AS text) IS NULL OR p.search_document @@ websearch_to_tsquery('english', :text))
              AND (CAST(:category AS text) IS NULL OR p.category = :category)
              AND (CAST(:minPrice AS numeric) IS NULL OR p.price >= :minPrice)
              AND (CAST(:maxPrice AS numeric) IS NULL OR p.price <= :maxPrice)
              AND ((CAST(:size AS text) IS NULL AND NOT :inStock) OR EXISTS (
                    SELECT 1 FROM product_sizes s
                    WHERE s.product_id = p.id AND s.active
                      AND (CAST(:size AS text) IS NULL OR s.size = :size)
                      AND (NOT :inStock OR s.stock > 0)))
            """;

    @Query(value = "SELECT p.* " + FILTERS + """
            ORDER BY CASE WHEN CAST(:text AS text) IS NULL THEN 0
                          ELSE ts_rank(p.search_document, websearch_to_tsquery('english', :text)) END DESC,
                     p.id
            """,
            countQuery = "SELECT count(*) " + FILTERS)
    Page<Product> search(
            @Nullable String text,
            @Nullable String category,
            @Nullable BigDecimal minPrice,
            @Nullable BigDecimal maxPrice,
            @Nullable String size,
            boolean inStock,
            Pageable pageable);

    Optional<Product> findById(Long id);

    Optional<Product> findBySku(String sku);

    long count();
}
