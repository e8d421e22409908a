package com.styleshepherd.store.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProductRepository extends GenericRepository<Product, Long> {

    @Query(value = CatalogSql.SEARCH, countQuery = CatalogSql.COUNT)
    Page<Product> search(
            @Nullable String text,
            @Nullable String category,
            @Nullable String colour,
            @Nullable BigDecimal minPrice,
            @Nullable BigDecimal maxPrice,
            @Nullable String size,
            boolean inStock,
            Pageable pageable);

    @Query(CatalogSql.MATCHING_IDS)
    List<Long> matchingIds(
            @Nullable String text,
            @Nullable String category,
            @Nullable String colour,
            @Nullable BigDecimal minPrice,
            @Nullable BigDecimal maxPrice,
            @Nullable String size,
            boolean inStock);

    @Query("SELECT * FROM products WHERE id = ANY (:ids)")
    List<Product> findByIds(Long[] ids);

    Optional<Product> findById(Long id);

    Optional<Product> findBySku(String sku);

    @Query("SELECT sku FROM products WHERE sku = ANY (:skus)")
    List<String> findExistingSkus(String[] skus);

    long count();
}
