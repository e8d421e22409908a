package com.styleshepherd.store.catalog;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo catalog that ships with the project ({@code demo-catalog/products.jsonl}, written
 * for Style Shepherd: 320 products across 12 categories) when the dev stack starts. Only products the
 * catalog does not have are created: the dev stack keeps its database from start to start, and a restart
 * must not put back the stock that was sold or undo what ops changed.
 */
@Singleton
@Requires(property = "styleshepherd.demo-catalog.enabled", value = "true")
public final class DemoCatalogSeeder {

    static final String RESOURCE = "classpath:demo-catalog/products.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(DemoCatalogSeeder.class);

    private final ProductCatalog catalog;
    private final ResourceResolver resources;
    private final JsonMapper json;
    private volatile int seeded;

    DemoCatalogSeeder(ProductCatalog catalog, ResourceResolver resources, JsonMapper json) {
        this.catalog = catalog;
        this.resources = resources;
        this.json = json;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        List<ProductDraft> drafts = read();
        Set<String> existing = catalog.existingSkus(drafts.stream().map(ProductDraft::sku).toList());
        List<ProductDraft> missing = drafts.stream().filter(draft -> !existing.contains(draft.sku())).toList();
        missing.forEach(catalog::save);
        seeded = drafts.size();
        LOG.info("Demo catalog: {} products ({} new)", drafts.size(), missing.size());
    }

    /** How many products the last startup loaded. */
    public int seeded() {
        return seeded;
    }

    List<ProductDraft> read() {
        try (InputStream in = resources.getResourceAsStream(RESOURCE)
                .orElseThrow(() -> new IllegalStateException("Missing " + RESOURCE));
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return lines.lines()
                    .filter(line -> !line.isBlank())
                    .map(this::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProductDraft parse(String line) {
        try {
            DemoProduct p = json.readValue(line, DemoProduct.class);
            return new ProductDraft(p.sku(), p.name(), p.description(), p.category(), p.brand(), p.color(),
                    new BigDecimal(p.price()), p.currency(), p.attributes(), null,
                    p.sizes().stream().map(s -> new ProductDraft.SizeStock(s.size(), s.stock())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Bad demo catalog line: " + line, e);
        }
    }

    @Serdeable
    record DemoProduct(String sku, String name, String description, String category, String brand, String color,
            String price, String currency, Map<String, Object> attributes, List<DemoSize> sizes) {
    }

    @Serdeable
    record DemoSize(String size, int stock) {
    }
}
