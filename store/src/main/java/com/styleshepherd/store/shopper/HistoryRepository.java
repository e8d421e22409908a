package com.styleshepherd.store.shopper;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The SQL behind {@link ShopperHistory}: reads of orders, their lines and returns. Cancelled orders do not count. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface HistoryRepository extends GenericRepository<Shopper, String> {

    /** One row per product the shopper bought (its latest purchase, a returned one first), newest first. */
    @Query("""
            SELECT product_id, product_name, category, size, return_reason, bought_at FROM (
                SELECT DISTINCT ON (l.product_id) l.product_id, l.product_name, l.category, l.size,
                       r.reason AS return_reason, o.created_at AS bought_at
                FROM orders o
                JOIN order_lines l ON l.order_id = o.id
                LEFT JOIN returns r ON r.order_line_id = l.id AND r.status <> 'REJECTED'
                WHERE o.user_id = :userId AND o.status <> 'CANCELLED'
                ORDER BY l.product_id, r.reason IS NULL, o.created_at DESC
            ) bought
            ORDER BY bought_at DESC, product_id LIMIT :limit
            """)
    List<ShopperHistory.Purchase> purchases(String userId, int limit);

    @Query("""
            SELECT l.product_id, sum(l.quantity) AS units
            FROM orders o JOIN order_lines l ON l.order_id = o.id
            WHERE o.status <> 'CANCELLED' AND o.created_at > now() - make_interval(secs => :seconds)
            GROUP BY l.product_id ORDER BY units DESC, l.product_id LIMIT :limit
            """)
    List<ProductSales> bestSellers(long seconds, int limit);

    /** Units of a product sold. */
    @Introspected
    record ProductSales(long productId, long units) {
    }
}
