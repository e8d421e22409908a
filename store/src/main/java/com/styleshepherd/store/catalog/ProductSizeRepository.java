package com.styleshepherd.store.catalog;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProductSizeRepository extends GenericRepository<ProductSize, Long> {

    @Query(CatalogSql.ACTIVE_SIZES)
    List<ProductSize> findActiveByProductIds(Collection<Long> productIds);
}
