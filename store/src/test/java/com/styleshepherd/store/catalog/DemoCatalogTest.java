package com.styleshepherd.store.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.model.Pageable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The demo catalog the dev stack seeds: well formed, varied, and loaded idempotently. */
@MicronautTest(transactional = false)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCatalogTest implements RealInfrastructure {

    @Inject
    DemoCatalogSeeder seeder;

    @Inject
    ProductCatalog catalog;

    @Test
    void isAFewHundredWellFormedProductsAcrossCategories() {
        List<ProductDraft> drafts = seeder.read();
        assertTrue(drafts.size() >= 300, "products: " + drafts.size());
        assertEquals(drafts.size(), drafts.stream().map(ProductDraft::sku).distinct().count(), "unique SKUs");
        Map<String, Long> byCategory = drafts.stream()
                .collect(Collectors.groupingBy(ProductDraft::category, Collectors.counting()));
        assertTrue(byCategory.size() >= 10, "categories: " + byCategory);
        for (ProductDraft draft : drafts) {
            assertTrue(draft.description().length() > 40, draft.sku() + " description");
            assertTrue(draft.price().signum() > 0 && draft.price().scale() <= 2, draft.sku() + " price");
            assertEquals("USD", draft.currency());
            assertTrue(!draft.sizes().isEmpty(), draft.sku() + " sizes");
        }
        assertTrue(drafts.stream().anyMatch(d -> d.sizes().stream().anyMatch(s -> s.stock() == 0)),
                "some sizes are sold out, so in-stock filters have something to filter");
    }

    @Test
    void isLoadedOnStartupAndLoadingItAgainChangesNothing() {
        Map<String, ProductDraft> drafts = seeder.read().stream()
                .collect(Collectors.toMap(ProductDraft::sku, Function.identity()));
        assertEquals(drafts.size(), seeder.seeded());
        CatalogProduct coat = catalog.findBySku("SS-OUT-0001").orElseThrow();
        assertEquals(drafts.get("SS-OUT-0001").name(), coat.product().name());

        long before = catalog.search(new CatalogQuery(null, null, null, null, null, null, false), Pageable.from(0, 1)).getTotalSize();
        seeder.onStartup(null);
        long after = catalog.search(new CatalogQuery(null, null, null, null, null, null, false), Pageable.from(0, 1)).getTotalSize();
        assertEquals(before, after);
        assertTrue(catalog.search(new CatalogQuery("dress", "dresses", null, null, new BigDecimal("100"), "M", true),
                Pageable.from(0, 5)).getTotalSize() > 0, "a typical shopper query finds something");
    }

    @Test
    void aRestartLeavesTheStockThatWasSoldAndWhatOpsChanged() {
        ProductDraft coat = seeder.read().stream().filter(d -> d.sku().equals("SS-OUT-0001")).findFirst().orElseThrow();
        ProductDraft changed = new ProductDraft(coat.sku(), coat.name() + " (ops renamed)", coat.description(),
                coat.category(), coat.brand(), coat.color(), coat.price(), coat.currency(), coat.attributes(),
                coat.imageRef(), coat.sizes().stream().map(s -> new ProductDraft.SizeStock(s.size(), 1)).toList());
        try {
            catalog.save(changed);
            seeder.onStartup(null);
            CatalogProduct after = catalog.findBySku("SS-OUT-0001").orElseThrow();
            assertEquals(changed.name(), after.product().name());
            assertTrue(after.sizes().stream().allMatch(size -> size.stock() == 1), () -> "stock put back: " + after.sizes());
        } finally {
            catalog.save(coat);
        }
    }
}
