package com.styleshepherd.store.catalog;

import com.styleshepherd.store.JsonColumns;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The catalog as the shop sees it: listing, lookup, and saving products with their stock. */
@Singleton
public class ProductCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ProductCatalog.class);

    // A change to what a shopper reads bumps content_version, which marks the embedding stale.
    // The WHERE clause skips the update (and returns no row) when nothing changed.
    private static final String UPSERT_PRODUCT = """
            INSERT INTO products (sku, name, description, category, brand, color, price, currency, attributes, image_ref)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
            ON CONFLICT (sku) DO UPDATE SET
                name = EXCLUDED.name, description = EXCLUDED.description, category = EXCLUDED.category,
                brand = EXCLUDED.brand, color = EXCLUDED.color, price = EXCLUDED.price,
                currency = EXCLUDED.currency, attributes = EXCLUDED.attributes, image_ref = EXCLUDED.image_ref,
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
            RETURNING id, (xmax = 0) AS inserted
            """;

    private static final String UPSERT_SIZE = """
            INSERT INTO product_sizes (product_id, size, position, stock, active)
            VALUES (?, ?, ?, ?, TRUE)
            ON CONFLICT (product_id, size) DO UPDATE SET
                position = EXCLUDED.position, stock = EXCLUDED.stock, active = TRUE, updated_at = now()
            WHERE (product_sizes.position, product_sizes.stock, product_sizes.active)
                  IS DISTINCT FROM (EXCLUDED.position, EXCLUDED.stock, TRUE)
            """;

    // Sizes no longer offered stay for the reservations and order lines that point at them.
    private static final String RETIRE_OTHER_SIZES = """
            UPDATE product_sizes SET active = FALSE, stock = 0, updated_at = now()
            WHERE product_id = ? AND active AND NOT (size = ANY (?))
            """;

    private final ProductRepository products;
    private final ProductSizeRepository sizes;
    private final JdbcOperations jdbc;
    private final JsonColumns json;

    ProductCatalog(ProductRepository products, ProductSizeRepository sizes, JdbcOperations jdbc, JsonColumns json) {
        this.products = products;
        this.sizes = sizes;
        this.jdbc = jdbc;
        this.json = json;
    }

    @ReadOnly
    public Page<CatalogProduct> search(CatalogQuery query, Pageable pageable) {
        Page<Product> page = products.search(query.text(), query.category(), query.colour(), query.minPrice(), query.maxPrice(),
                query.size(), query.inStock(), pageable);
        return page.map(withSizes(page.getContent()));
    }

    /**
     * The ids of every product matching {@code query}'s filters (its text is ignored), as a set of
     * bits, or null when the query filters nothing.
     */
    @ReadOnly
    public java.util.BitSet matchingIds(CatalogQuery query) {
        if (query.category() == null && query.colour() == null && query.minPrice() == null && query.maxPrice() == null && query.size() == null
                && !query.inStock()) {
            return null;
        }
        java.util.BitSet ids = new java.util.BitSet();
        for (Long id : products.matchingIds(null, query.category(), query.colour(), query.minPrice(), query.maxPrice(), query.size(),
                query.inStock())) {
            if (id <= Integer.MAX_VALUE) {
                ids.set(id.intValue());
            }
        }
        return ids;
    }

    /** These products with their sizes, in the order of {@code ids}; ids with no product are left out. */
    @ReadOnly
    public List<CatalogProduct> findAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Product> found = products.findByIds(ids.toArray(Long[]::new));
        Function<Product, CatalogProduct> withSizes = withSizes(found);
        Map<Long, Product> byId = found.stream().collect(Collectors.toMap(Product::id, Function.identity()));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).map(withSizes).toList();
    }

    @ReadOnly
    public Optional<CatalogProduct> find(long id) {
        return products.findById(id).map(p -> withSizes(List.of(p)).apply(p));
    }

    @ReadOnly
    public Optional<CatalogProduct> findBySku(String sku) {
        return products.findBySku(sku).map(p -> withSizes(List.of(p)).apply(p));
    }

    /** Which of these SKUs the catalog has. */
    @ReadOnly
    public Set<String> existingSkus(Collection<String> skus) {
        return Set.copyOf(products.findExistingSkus(skus.toArray(String[]::new)));
    }

    @ReadOnly
    public long count() {
        return products.count();
    }

    /**
     * Creates the product with the draft's SKU or replaces it: its fields, the sizes it is sold in and
     * their stock. Sizes absent from the draft are no longer sold. Saving the same draft twice changes
     * nothing the second time.
     */
    @Transactional
    public SaveResult save(ProductDraft draft) {
        Upserted upserted = jdbc.prepareStatement(UPSERT_PRODUCT, statement -> {
            statement.setString(1, draft.sku());
            statement.setString(2, draft.name());
            statement.setString(3, draft.description());
            statement.setString(4, draft.category());
            statement.setString(5, draft.brand());
            statement.setString(6, draft.color());
            statement.setBigDecimal(7, draft.price());
            statement.setString(8, draft.currency());
            statement.setString(9, json.write(draft.attributes()));
            statement.setString(10, draft.imageRef());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new Upserted(row.getLong("id"), row.getBoolean("inserted") ? Outcome.CREATED : Outcome.UPDATED);
            }
        });
        // No row comes back when nothing changed: the product exists as it is.
        Outcome outcome = upserted == null ? Outcome.UNCHANGED : upserted.outcome();
        long productId = upserted == null ? products.findBySku(draft.sku()).orElseThrow().id() : upserted.id();
        boolean sizesChanged = saveSizes(productId, draft.sizes());
        if (outcome == Outcome.UNCHANGED && sizesChanged) {
            outcome = Outcome.UPDATED;
        }
        LOG.debug("Saved product sku={} id={} outcome={}", draft.sku(), productId, outcome);
        return new SaveResult(outcome, find(productId).orElseThrow());
    }

    /** Saves every draft in one transaction (an import batch): all or none. Outcomes in order. */
    @Transactional
    public List<Outcome> saveAll(List<ProductDraft> drafts) {
        return drafts.stream().map(draft -> save(draft).outcome()).toList();
    }

    private boolean saveSizes(long productId, List<ProductDraft.SizeStock> draftSizes) {
        int changed = jdbc.prepareStatement(UPSERT_SIZE, statement -> {
            short position = 0;
            for (ProductDraft.SizeStock size : draftSizes) {
                statement.setLong(1, productId);
                statement.setString(2, size.size());
                statement.setShort(3, position++);
                statement.setInt(4, size.stock());
                statement.addBatch();
            }
            int total = 0;
            for (int count : statement.executeBatch()) {
                total += count;
            }
            return total;
        });
        int retired = jdbc.prepareStatement(RETIRE_OTHER_SIZES, (PreparedStatement statement) -> {
            Array offered = statement.getConnection().createArrayOf("varchar",
                    draftSizes.stream().map(ProductDraft.SizeStock::size).toArray());
            statement.setLong(1, productId);
            statement.setArray(2, offered);
            return statement.executeUpdate();
        });
        return changed + retired > 0;
    }

    private Function<Product, CatalogProduct> withSizes(List<Product> page) {
        if (page.isEmpty()) {
            return p -> new CatalogProduct(p, List.of());
        }
        Map<Long, List<ProductSize>> byProduct = sizes.findActiveByProductIds(page.stream().map(Product::id).toList())
                .stream()
                .collect(Collectors.groupingBy(ProductSize::productId));
        return p -> new CatalogProduct(p, byProduct.getOrDefault(p.id(), List.of()));
    }

    private record Upserted(long id, Outcome outcome) {
    }

    /** What saving a draft did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record SaveResult(Outcome outcome, CatalogProduct product) {
    }
}
