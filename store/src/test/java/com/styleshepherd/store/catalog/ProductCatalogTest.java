package com.styleshepherd.store.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The catalog store against a real PostgreSQL. Each run uses its own category to stay independent. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductCatalogTest implements RealInfrastructure {

    @Inject
    ProductCatalog catalog;

    /** The three products the filter and paging tests read. */
    private final String category = "test-" + UUID.randomUUID().toString().substring(0, 8);
    /** Where the tests that write put their products, out of the filter tests' way. */
    private final String scratch = category + "-scratch";

    @BeforeAll
    void seed() {
        save("LINEN-" + category, "Sage Linen Shirt", "Breathable linen shirt for summer", "39.90",
                List.of(size("S", 0), size("M", 4)));
        save("WOOL-" + category, "Camel Wool Coat", "Double-faced wool coat for winter", "249.00",
                List.of(size("M", 0), size("L", 0)));
        save("SILK-" + category, "Ivory Silk Blouse", "Washed silk blouse for the office", "89.50",
                List.of(size("XS", 2), size("M", 1)));
    }

    @Test
    void savesANewProductWithItsSizesInOrder() {
        CatalogProduct linen = catalog.findBySku("LINEN-" + category).orElseThrow();
        assertEquals("Sage Linen Shirt", linen.product().name());
        assertEquals(new BigDecimal("39.90"), linen.product().price());
        assertEquals(List.of("S", "M"), linen.sizes().stream().map(ProductSize::size).toList());
        assertEquals(List.of(0, 4), linen.sizes().stream().map(ProductSize::stock).toList());
    }

    @Test
    void savingTheSameDraftAgainChangesNothing() {
        ProductDraft draft = draft("SAME-" + category, "Navy Chinos", "Cotton chinos", "59.00", List.of(size("M", 3)));
        assertEquals(ProductCatalog.Outcome.CREATED, catalog.save(draft).outcome());
        CatalogProduct before = catalog.findBySku(draft.sku()).orElseThrow();
        assertEquals(ProductCatalog.Outcome.UNCHANGED, catalog.save(draft).outcome());
        CatalogProduct after = catalog.findBySku(draft.sku()).orElseThrow();
        assertEquals(before.product().updatedAt(), after.product().updatedAt());
        assertEquals(before.product().contentVersion(), after.product().contentVersion());
    }

    @Test
    void aPriceChangeKeepsTheEmbeddingButADescriptionChangeMarksItStale() {
        String sku = "VERSION-" + category;
        catalog.save(draft(sku, "Rust Scarf", "Wool scarf", "29.00", List.of(size("ONE SIZE", 5))));
        int created = catalog.findBySku(sku).orElseThrow().product().contentVersion();

        ProductCatalog.SaveResult repriced = catalog.save(draft(sku, "Rust Scarf", "Wool scarf", "24.00",
                List.of(size("ONE SIZE", 5))));
        assertEquals(ProductCatalog.Outcome.UPDATED, repriced.outcome());
        assertEquals(created, repriced.product().product().contentVersion());

        ProductCatalog.SaveResult redescribed = catalog.save(draft(sku, "Rust Scarf", "Brushed wool scarf", "24.00",
                List.of(size("ONE SIZE", 5))));
        assertEquals(created + 1, redescribed.product().product().contentVersion());
    }

    @Test
    void sizesLeftOutOfADraftAreNoLongerSold() {
        String sku = "RESIZE-" + category;
        catalog.save(draft(sku, "Black Tee", "Cotton tee", "19.00", List.of(size("S", 1), size("M", 2), size("L", 3))));
        ProductCatalog.SaveResult result = catalog.save(draft(sku, "Black Tee", "Cotton tee", "19.00",
                List.of(size("L", 7), size("M", 2))));
        assertEquals(ProductCatalog.Outcome.UPDATED, result.outcome());
        assertEquals(List.of("L", "M"), result.product().sizes().stream().map(ProductSize::size).toList());
        assertEquals(List.of(7, 2), result.product().sizes().stream().map(ProductSize::stock).toList());
    }

    @Test
    void aSizeNamedTwiceIsSavedOnceAsItsLastMention() {
        ProductCatalog.SaveResult result = catalog.save(draft("TWICE-" + category, "Grey Hoodie", "Fleece hoodie",
                "45.00", List.of(size("M", 3), size("S", 1), size("M", 5))));
        assertEquals(List.of("S", "M"), result.product().sizes().stream().map(ProductSize::size).toList());
        assertEquals(List.of(1, 5), result.product().sizes().stream().map(ProductSize::stock).toList());
    }

    @Test
    void filtersCombineExactly() {
        assertEquals(List.of("LINEN-" + category), skus(new CatalogQuery("linen", category, null, null, null, null, false)));
        assertEquals(List.of("SILK-" + category, "WOOL-" + category),
                sorted(skus(new CatalogQuery(null, category, null, new BigDecimal("80"), null, null, false))));
        assertEquals(List.of("LINEN-" + category),
                skus(new CatalogQuery(null, category, null, null, new BigDecimal("39.90"), null, false)));
        // Offered in M: all three. In stock in M: linen and silk. In stock in any size: linen and silk.
        assertEquals(3, skus(new CatalogQuery(null, category, null, null, null, "M", false)).size());
        assertEquals(List.of("LINEN-" + category, "SILK-" + category),
                sorted(skus(new CatalogQuery(null, category, null, null, null, "M", true))));
        assertEquals(List.of("LINEN-" + category, "SILK-" + category),
                sorted(skus(new CatalogQuery(null, category, null, null, null, null, true))));
        assertEquals(List.of("SILK-" + category), skus(new CatalogQuery(null, category, null, null, null, "XS", true)));
        assertEquals(List.of(), skus(new CatalogQuery("wool", category, null, null, new BigDecimal("100"), null, false)));
    }

    @Test
    void pagesCountEveryMatch() {
        CatalogQuery query = new CatalogQuery(null, category, null, null, null, "M", false);
        Page<CatalogProduct> first = catalog.search(query, Pageable.from(0, 2));
        Page<CatalogProduct> second = catalog.search(query, Pageable.from(1, 2));
        assertEquals(3, first.getTotalSize());
        assertEquals(2, first.getContent().size());
        assertEquals(1, second.getContent().size());
        List<String> all = new ArrayList<>(first.getContent().stream().map(p -> p.product().sku()).toList());
        all.add(second.getContent().get(0).product().sku());
        assertEquals(3, all.stream().distinct().count(), "pages overlap: " + all);
    }

    @Test
    void concurrentSavesOfOneNewSkuCreateItOnce() throws Exception {
        String sku = "RACE-" + category;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ProductCatalog.Outcome>> saves = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                saves.add(() -> catalog.save(draft(sku, "Olive Parka", "Waterproof parka", "149.00",
                        List.of(size("M", 4)))).outcome());
            }
            List<ProductCatalog.Outcome> outcomes = new ArrayList<>();
            for (Future<ProductCatalog.Outcome> outcome : pool.invokeAll(saves)) {
                outcomes.add(outcome.get());
            }
            assertEquals(1, outcomes.stream().filter(o -> o == ProductCatalog.Outcome.CREATED).count(),
                    "outcomes: " + outcomes);
            assertTrue(outcomes.stream().noneMatch(o -> o == ProductCatalog.Outcome.UPDATED), "outcomes: " + outcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> skus(CatalogQuery query) {
        return catalog.search(query, Pageable.from(0, 50)).getContent().stream()
                .map(p -> p.product().sku())
                .toList();
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    private void save(String sku, String name, String description, String price, List<ProductDraft.SizeStock> sizes) {
        catalog.save(draft(category, sku, name, description, price, sizes));
    }

    private ProductDraft draft(String sku, String name, String description, String price,
            List<ProductDraft.SizeStock> sizes) {
        return draft(scratch, sku, name, description, price, sizes);
    }

    private static ProductDraft draft(String category, String sku, String name, String description, String price,
            List<ProductDraft.SizeStock> sizes) {
        return new ProductDraft(sku, name, description, category, "Northway", null, new BigDecimal(price), "USD",
                Map.of("material", "test"), null, sizes);
    }

    private static ProductDraft.SizeStock size(String size, int stock) {
        return new ProductDraft.SizeStock(size, stock);
    }
}
