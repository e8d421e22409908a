package com.styleshepherd.store.catalog;

/**
 * The catalog search's SQL (named parameters {@code :text}, {@code :category}, {@code :colour}, {@code :minPrice},
 * {@code :maxPrice}, {@code :size}, {@code :inStock}), in one place: the repository runs it, and the API
 * read benchmark runs the very same statements over plain JDBC to compare.
 */
public final class CatalogSql {

    // Each filter is "parameter IS NULL OR condition" so one statement serves every combination;
    // the CASTs give PostgreSQL a type for parameters bound as NULL.
    static final String FILTERS = """
            FROM products p
            WHERE (CAST(:text AS text) IS NULL OR p.search_document @@ websearch_to_tsquery('english', :text))
              AND (CAST(:category AS text) IS NULL OR p.category = :category)
              AND (CAST(:colour AS text) IS NULL OR lower(p.color) = lower(:colour))
              AND (CAST(:minPrice AS numeric) IS NULL OR p.price >= :minPrice)
              AND (CAST(:maxPrice AS numeric) IS NULL OR p.price <= :maxPrice)
              AND ((CAST(:size AS text) IS NULL AND NOT :inStock) OR EXISTS (
                    SELECT 1 FROM product_sizes s
                    WHERE s.product_id = p.id AND s.active
                      AND (CAST(:size AS text) IS NULL OR s.size = :size)
                      AND (NOT :inStock OR s.stock > 0)))
            """;

    /** One page of matches, best-ranked first (the repository appends LIMIT and OFFSET). */
    public static final String SEARCH = "SELECT p.* " + FILTERS + """
            ORDER BY CASE WHEN CAST(:text AS text) IS NULL THEN 0
                          ELSE ts_rank(p.search_document, websearch_to_tsquery('english', :text)) END DESC,
                     p.id
            """;

    /** The ids of every match, for filtering a vector search exactly. */
    public static final String MATCHING_IDS = "SELECT p.id " + FILTERS;

    /** How many products match in all. */
    public static final String COUNT = "SELECT count(*) " + FILTERS;

    /** The sold sizes of a page's products. */
    public static final String ACTIVE_SIZES =
            "SELECT * FROM product_sizes WHERE product_id IN (:productIds) AND active ORDER BY product_id, position";

    private CatalogSql() {
    }
}
