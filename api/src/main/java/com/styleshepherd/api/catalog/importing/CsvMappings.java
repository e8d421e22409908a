package com.styleshepherd.api.catalog.importing;

import com.styleshepherd.api.catalog.SaveProductRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the columns of a CSV row become a product, per mapping:
 *
 * <ul>
 *   <li><b>native</b>: {@code sku, name, description, category, brand, color, price, currency, sizes, image};
 *       {@code sizes} is {@code S:3|M:5} (size:stock); every other column becomes an attribute.</li>
 *   <li><b>myntra</b> (myntra_products_catalog.csv): SKU {@code MYN-<Product_ID>}, name, brand, price
 *       in INR, description (the name when empty), colour ({@code Primary_Color}, trimmed), gender as an
 *       attribute; the category is read from words of the name (dress → dresses, kurta → kurtas...,
 *       else {@code other}).</li>
 *   <li><b>fashion-product-images</b> (styles.csv): SKU {@code FPI-<id>}, name and description from
 *       {@code productDisplayName} (fields past the tenth re-joined: 22 rows have unquoted commas),
 *       category from {@code articleType} ("Tshirts" → {@code tshirts}), colour from {@code baseColour},
 *       gender, master and sub category, season, year and usage as attributes, picture
 *       {@code <id>.jpg}. The file has no prices: {@code defaultPrice} is required.</li>
 * </ul>
 * Rows without sizes get {@code defaultSizes} with {@code defaultStock} units each.
 */
final class CsvMappings {

    private static final Set<String> NATIVE_COLUMNS = Set.of("sku", "name", "description", "category", "brand", "color",
            "price", "currency", "sizes", "image");

    /** Name words to category, first match wins. */
    private static final Map<String, String> MYNTRA_CATEGORIES = new LinkedHashMap<>();

    static {
        String[][] pairs = {{"kurta", "kurtas"}, {"saree", "sarees"}, {"dress", "dresses"}, {"jeans", "jeans"},
            {"trousers", "trousers"}, {"t-shirt", "tops"}, {"sweatshirt", "knitwear"}, {"shirt", "shirts"},
            {"top", "tops"}, {"jacket", "outerwear"}, {"sweater", "knitwear"}, {"shorts", "shorts"}, {"skirt", "skirts"},
            {"shoes", "shoes"}, {"sneakers", "shoes"}, {"sandals", "shoes"}, {"heels", "shoes"}, {"flip-flops", "shoes"},
            {"watch", "watches"}, {"backpack", "bags"}, {"bag", "bags"}, {"wallet", "accessories"},
            {"belt", "accessories"}, {"sunglasses", "accessories"}, {"socks", "accessories"}, {"bra", "lingerie"},
            {"briefs", "lingerie"}, {"track pants", "activewear"}, {"tights", "activewear"},
            {"leggings", "activewear"}, {"lehenga", "ethnic"}, {"dupatta", "ethnic"}};
        for (String[] pair : pairs) {
            MYNTRA_CATEGORIES.put(pair[0], pair[1]);
        }
    }

    private CsvMappings() {
    }

    /** A product read from a row: its SKU (null when the row has none) and the request to validate. */
    record Mapped(String sku, SaveProductRequest request) {
    }

    static Mapped map(String mapping, Map<String, String> row, List<String> values, ImportOptions options) {
        return switch (mapping) {
            case "myntra" -> myntra(row, options);
            case "fashion-product-images" -> fashionProductImages(row, values, options);
            default -> nativeRow(row, options);
        };
    }

    private static Mapped nativeRow(Map<String, String> row, ImportOptions options) {
        Map<String, Object> attributes = new HashMap<>();
        row.forEach((column, value) -> {
            if (!NATIVE_COLUMNS.contains(column) && !column.isBlank() && value != null && !value.isBlank()) {
                attributes.put(column, value.strip());
            }
        });
        List<SaveProductRequest.SizeStock> sizes = new ArrayList<>();
        String listed = blankToNull(row.get("sizes"));
        if (listed != null) {
            for (String entry : listed.split("\\|")) {
                String[] parts = entry.split(":", 2);
                sizes.add(new SaveProductRequest.SizeStock(parts[0].strip(),
                        parts.length == 2 ? parseStock(parts[1]) : options.stock()));
            }
        }
        return new Mapped(blankToNull(row.get("sku")), new SaveProductRequest(row.get("name"), row.get("description"),
                row.get("category"), blankToNull(row.get("brand")), blankToNull(row.get("color")),
                orDefault(blankToNull(row.get("price")), options.defaultPrice()),
                orDefault(blankToNull(row.get("currency")), options.currency()), attributes, blankToNull(row.get("image")),
                sizes.isEmpty() ? defaultSizes(options) : sizes));
    }

    private static Mapped myntra(Map<String, String> row, ImportOptions options) {
        String id = blankToNull(row.get("Product_ID"));
        String name = strip(row.get("Product_Name"));
        String description = strip(row.get("Description"));
        Map<String, Object> attributes = new HashMap<>();
        if (blankToNull(row.get("Gender")) != null) {
            attributes.put("gender", row.get("Gender").strip());
        }
        return new Mapped(id == null ? null : "MYN-" + id, new SaveProductRequest(truncate(name, 200),
                truncate(description == null || description.isEmpty() ? name : description, 4000), category(name),
                truncate(blankToNull(row.get("Product_Brand")), 100), truncate(blankToNull(row.get("Primary_Color")), 40),
                orDefault(blankToNull(row.get("Price")), options.defaultPrice()),
                options.currency() == null ? "INR" : options.currency(), attributes, null, defaultSizes(options)));
    }

    private static Mapped fashionProductImages(Map<String, String> row, List<String> values, ImportOptions options) {
        String id = blankToNull(row.get("id"));
        // productDisplayName is the tenth column; rows with unquoted commas spill into more fields.
        String name = values.size() > 10 ? String.join(",", values.subList(9, values.size())) : row.get("productDisplayName");
        name = strip(name);
        Map<String, Object> attributes = new HashMap<>();
        for (String column : List.of("gender", "masterCategory", "subCategory", "season", "year", "usage")) {
            String value = blankToNull(row.get(column));
            if (value != null) {
                attributes.put(column, value);
            }
        }
        String articleType = blankToNull(row.get("articleType"));
        String category = articleType == null ? null
                : articleType.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return new Mapped(id == null ? null : "FPI-" + id, new SaveProductRequest(truncate(name, 200),
                truncate(name, 4000), category, null, truncate(blankToNull(row.get("baseColour")), 40),
                options.defaultPrice(), options.currency() == null ? "USD" : options.currency(), attributes,
                id == null ? null : id + ".jpg", defaultSizes(options)));
    }

    private static String category(String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return MYNTRA_CATEGORIES.entrySet().stream().filter(entry -> lower.contains(entry.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse("other");
    }

    private static List<SaveProductRequest.SizeStock> defaultSizes(ImportOptions options) {
        return options.sizes().stream().map(size -> new SaveProductRequest.SizeStock(size, options.stock())).toList();
    }

    private static Integer parseStock(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return -1; // fails @Min(0) with the field named
        }
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
