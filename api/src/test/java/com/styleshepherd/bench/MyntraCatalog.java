package com.styleshepherd.bench;

import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.catalog.ProductDraft;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads the Myntra product catalog (12,491 real products; ../shared/data/catalog, see its README) into
 * the dev stack's catalog through {@link ProductCatalog#save}, the path ops imports take. Categories
 * come from the product name; prices stay in rupees (INR).
 */
final class MyntraCatalog {

    /** Name words to category, first match wins. */
    private static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

    static {
        for (String[] pair : new String[][] {{"kurta", "kurtas"}, {"saree", "sarees"}, {"dress", "dresses"},
                {"jeans", "jeans"}, {"trousers", "trousers"}, {"shirt", "shirts"}, {"t-shirt", "tops"}, {"top", "tops"},
                {"jacket", "outerwear"}, {"sweatshirt", "knitwear"}, {"sweater", "knitwear"}, {"shorts", "shorts"},
                {"skirt", "skirts"}, {"shoes", "shoes"}, {"sneakers", "shoes"}, {"sandals", "shoes"},
                {"heels", "shoes"}, {"flip-flops", "shoes"}, {"watch", "watches"}, {"bag", "bags"},
                {"backpack", "bags"}, {"wallet", "accessories"}, {"belt", "accessories"}, {"sunglasses", "accessories"},
                {"socks", "accessories"}, {"bra", "lingerie"}, {"briefs", "lingerie"}, {"track pants", "activewear"},
                {"tights", "activewear"}, {"leggings", "activewear"}, {"lehenga", "ethnic"}, {"dupatta", "ethnic"}}) {
            CATEGORIES.put(pair[0], pair[1]);
        }
    }

    private MyntraCatalog() {
    }

    /** Saves every product of the file (4 at a time); returns how many were saved. */
    static int load(Path csv, ProductCatalog catalog) throws IOException, InterruptedException {
        List<ProductDraft> drafts = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get().parse(in)) {
                drafts.add(draft(row));
            }
        }
        // The file ends every line with a comma: its ninth column has no name, hence allowMissingColumnNames.
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> saves = new ArrayList<>();
            for (ProductDraft draft : drafts) {
                saves.add(pool.submit(() -> catalog.save(draft)));
            }
            for (Future<?> save : saves) {
                try {
                    save.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("could not save a Myntra product", e.getCause());
                }
            }
        }
        return drafts.size();
    }

    private static ProductDraft draft(CSVRecord row) {
        String name = row.get("Product_Name").strip();
        String color = row.get("Primary_Color").strip();
        String description = row.get("Description").strip();
        return new ProductDraft("MYN-" + row.get("Product_ID").strip(), truncate(name, 200),
                description.isEmpty() ? name : description, category(name),
                truncate(row.get("Product_Brand").strip(), 100), color.isEmpty() ? null : truncate(color, 40),
                new BigDecimal(row.get("Price").strip()), "INR", Map.of("gender", row.get("Gender").strip()), null,
                List.of(new ProductDraft.SizeStock("S", 10), new ProductDraft.SizeStock("M", 10),
                        new ProductDraft.SizeStock("L", 0)));
    }

    private static String category(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return CATEGORIES.entrySet().stream().filter(entry -> lower.contains(entry.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("other");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
