package com.styleshepherd.store.shopper;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The SQL behind {@link Shoppers}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ShopperRepository extends GenericRepository<Shopper, String> {

    /** 1 when the row was inserted, 0 when the shopper exists already. */
    @Query("INSERT INTO users (id) VALUES (:userId) ON CONFLICT (id) DO NOTHING")
    int ensure(String userId);
}
