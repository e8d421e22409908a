package com.styleshepherd.store.events;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** What a stock event names about a size, read in the transaction that changed its stock. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface StockEventRepository extends GenericRepository<StockEventRepository.SizeStock, Long> {

    @Introspected
    record SizeStock(long productSizeId, long productId, String sku, String size, int stock) {
    }

    @Query("""
            SELECT ps.id AS product_size_id, ps.product_id, p.sku, ps.size, ps.stock
            FROM product_sizes ps JOIN products p ON p.id = ps.product_id WHERE ps.id = :productSizeId
            """)
    Optional<SizeStock> find(long productSizeId);

    @Query("SELECT product_size_id FROM order_lines WHERE id = :lineId")
    Optional<Long> sizeOfLine(UUID lineId);
}
