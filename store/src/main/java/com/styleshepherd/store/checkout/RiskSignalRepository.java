package com.styleshepherd.store.checkout;

import com.styleshepherd.store.catalog.Product;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The reads behind {@link ReturnRiskData}: what the return-risk and size models know of a shopper, the
 * products of a cart and their categories. Read-only aggregates, as DTO projections.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RiskSignalRepository extends GenericRepository<Product, Long> {

    /** A shopper's measurements (cm, kg) and usual sizes (a JSON object: category → size). */
    @Introspected
    record Body(@Nullable BigDecimal heightCm, @Nullable BigDecimal weightKg, @Nullable BigDecimal bustCm,
            @Nullable BigDecimal chestCm, @Nullable BigDecimal waistCm, @Nullable BigDecimal hipsCm,
            @Nullable BigDecimal inseamCm, String usualSizes) {
    }

    /** Units a shopper bought and returned, and how many came back too small or too large. */
    @Introspected
    record History(long bought, long returned, long tooSmall, long tooLarge) {
    }

    /** Units sold and returned in one category. */
    @Introspected
    record CategoryCounts(String category, long sold, long returned) {
    }

    /** A product's name, category, cut and active sizes (a JSON array, smallest first). */
    @Introspected
    record ProductSizes(long id, String name, String category, @Nullable String cut, String sizes) {
    }

    @Query("""
            SELECT height_cm, weight_kg, bust_cm, chest_cm, waist_cm, hips_cm, inseam_cm, usual_sizes::text AS usual_sizes
            FROM profiles WHERE user_id = :shopperId
            """)
    Optional<Body> body(String shopperId);

    @Query("""
            SELECT (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id
                    WHERE o.user_id = :shopperId) AS bought,
                   coalesce(sum(r.quantity), 0) AS returned,
                   coalesce(sum(r.quantity) FILTER (WHERE r.reason = 'TOO_SMALL'), 0) AS too_small,
                   coalesce(sum(r.quantity) FILTER (WHERE r.reason = 'TOO_LARGE'), 0) AS too_large
            FROM returns r WHERE r.user_id = :shopperId
            """)
    History history(String shopperId);

    @Query("""
            SELECT l.category, sum(l.quantity) AS sold, coalesce(sum(r.quantity), 0) AS returned
            FROM order_lines l LEFT JOIN returns r ON r.order_line_id = l.id
            WHERE l.category = ANY (:categories)
            GROUP BY l.category
            """)
    List<CategoryCounts> categoryCounts(String[] categories);

    /** Products with at least one active size; one query for a whole cart. */
    @Query("""
            SELECT p.id, p.name, p.category, p.attributes ->> 'fit' AS cut,
                   json_agg(s.size ORDER BY s.position)::text AS sizes
            FROM products p JOIN product_sizes s ON s.product_id = p.id AND s.active
            WHERE p.id = ANY (:productIds) GROUP BY p.id
            """)
    List<ProductSizes> productSizes(Long[] productIds);

    @Query("SELECT id, name, category FROM products WHERE id = :productId")
    Optional<Named> product(long productId);

    /** A product's name and category. */
    @Introspected
    record Named(long id, String name, String category) {
    }
}
