package com.styleshepherd.store.catalog;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.store.events.EventType;
import com.styleshepherd.store.events.Outbox;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
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

    private final ProductRepository products;
    private final ProductSizeRepository sizes;
    private final ProductSaveRepository saves;
    private final JsonColumns json;
    private final Outbox outbox;

    ProductCatalog(ProductRepository products, ProductSizeRepository sizes, ProductSaveRepository saves,
            JsonColumns json, Outbox outbox) {
        this.products = products;
        this.sizes = sizes;
        this.saves = saves;
        this.json = json;
        this.outbox = outbox;
    }

    @ReadOnly
    public Page<CatalogProduct> search(CatalogQuery query, Pageable pageable) {
        Page<Product> page = products.search(query.text(), query.category(), query.colour(), query.minPrice(),
                query.maxPrice(), query.size(), query.inStock(), pageable);
        return page.map(withSizes(page.getContent()));
    }

    /**
     * The ids of every product matching {@code query}'s filters (its text is ignored), as a set of
     * bits, or null when the query filters nothing.
     */
    @ReadOnly
    public java.util.BitSet matchingIds(CatalogQuery query) {
        if (query.category() == null && query.colour() == null && query.minPrice() == null
                && query.maxPrice() == null && query.size() == null && !query.inStock()) {
            return null;
        }
        java.util.BitSet ids = new java.util.BitSet();
        for (Long id : products.matchingIds(null, query.category(), query.colour(), query.minPrice(),
                query.maxPrice(), query.size(), query.inStock())) {
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
     * nothing the second time. A save that changed something writes its {@code ProductChanged} event.
     */
    @Transactional
    public SaveResult save(ProductDraft draft) {
        // Null when nothing changed (the product exists as it is); else whether the product is new.
        Boolean created = saves.upsert(draft.sku(), draft.name(), draft.description(), draft.category(),
                draft.brand(), draft.color(), draft.price(), draft.currency(), json.write(draft.attributes()),
                draft.imageRef());
        Product product = products.findBySku(draft.sku()).orElseThrow();
        boolean sizesChanged = saveSizes(product.id(), draft.sizes());
        Outcome outcome = created == null ? (sizesChanged ? Outcome.UPDATED : Outcome.UNCHANGED)
                : created ? Outcome.CREATED : Outcome.UPDATED;
        LOG.debug("Saved product sku={} id={} outcome={}", draft.sku(), product.id(), outcome);
        CatalogProduct saved = withSizes(List.of(product)).apply(product);
        if (outcome != Outcome.UNCHANGED) {
            outbox.append(EventType.PRODUCT_CHANGED, product.id(), productChanged(outcome, saved));
        }
        return new SaveResult(outcome, saved);
    }

    private static Map<String, Object> productChanged(Outcome outcome, CatalogProduct saved) {
        Product product = saved.product();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("productId", product.id());
        data.put("sku", product.sku());
        data.put("change", outcome.name());
        data.put("name", product.name());
        data.put("category", product.category());
        data.put("price", product.price().toPlainString());
        data.put("currency", product.currency());
        data.put("sizes", saved.sizes().stream().map(size -> Map.of("productSizeId", size.id(), "size", size.size(),
                "stock", size.stock())).toList());
        return data;
    }

    /** Saves every draft in one transaction (an import batch): all or none. Outcomes in order. */
    @Transactional
    public List<Outcome> saveAll(List<ProductDraft> drafts) {
        return drafts.stream().map(draft -> save(draft).outcome()).toList();
    }

    private boolean saveSizes(long productId, List<ProductDraft.SizeStock> draftSizes) {
        String[] offered = draftSizes.stream().map(ProductDraft.SizeStock::size).toArray(String[]::new);
        int[] stocks = draftSizes.stream().mapToInt(ProductDraft.SizeStock::stock).toArray();
        int changed = saves.upsertSizes(productId, offered, stocks);
        int retired = saves.retireOtherSizes(productId, offered);
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

    /** What saving a draft did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record SaveResult(Outcome outcome, CatalogProduct product) {
    }
}
