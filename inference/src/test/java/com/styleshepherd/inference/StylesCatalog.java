package com.styleshepherd.inference;

import com.styleshepherd.store.embedding.ProductText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of the Fashion Product Images {@code styles.csv} (../shared/data/catalog) as the relevance test and
 * the vector-index benchmark read them: the fields of each row, the text the catalog embeds for it, and its
 * "{colour} {article type}" label.
 */
public final class StylesCatalog {

    private StylesCatalog() {
    }

    /** The first {@code limit} well-formed rows, split on commas (a name with commas keeps its tail). */
    public static List<String[]> rows(Path stylesCsv, int limit) throws IOException {
        return Files.readAllLines(stylesCsv, StandardCharsets.UTF_8).stream().skip(1)
                .map(line -> line.split(",", -1)).filter(f -> f.length >= 10).limit(limit).toList();
    }

    /** The text the catalog embeds for the row: name, article type, colour, gender and usage. */
    public static String text(String[] fields) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("gender", fields[1]);
        attributes.put("usage", fields[8]);
        return ProductText.of(String.join(",", List.of(fields).subList(9, fields.length)),
                fields[4].toLowerCase(Locale.ROOT), fields[5], null, attributes, "");
    }

    /** "{colour} {article type}", e.g. "Black Tshirts". */
    public static String label(String[] fields) {
        return fields[5] + " " + fields[4];
    }
}
