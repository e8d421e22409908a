package com.styleshepherd.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.search.ExactVectorIndex;
import com.styleshepherd.store.embedding.ProductText;
import com.styleshepherd.testing.SharedData;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Search relevance on a labelled set built from ../shared/data/catalog/styles.csv: the first 3,000
 * products are embedded as the catalog embeds them ({@link ProductText}; the display name, the article
 * type as category, the colour, gender and usage as attributes), and for each of the 25 most common
 * (colour, article type) pairs the query "{colour} {article type}" is run. A hit is relevant when it
 * has both labels. Precision@10 is printed per query and on average, for the int8 and fp32 builds.
 */
class SearchRelevanceTest {

    private static final int PRODUCTS = 3_000;
    private static final int QUERIES = 25;

    @Test
    void precisionAtTenOnColourAndArticleTypeQueries() throws IOException {
        List<String[]> rows = StylesCatalog.rows(SharedData.require("catalog/styles.csv"), PRODUCTS);
        Map<String, Long> pairs = rows.stream().collect(Collectors.groupingBy(StylesCatalog::label,
                Collectors.counting()));
        List<String> queries = pairs.entrySet().stream()
                .filter(e -> e.getValue() >= 10)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(QUERIES).map(Map.Entry::getKey).toList();
        List<String> texts = rows.stream().map(StylesCatalog::text).toList();
        Map<String, Double> averages = new LinkedHashMap<>();
        for (TextEmbedder.Variant variant : TextEmbedder.Variant.values()) {
            try (TextEmbedder embedder = TextEmbedder.load(variant)) {
                ExactVectorIndex index = new ExactVectorIndex(embedder.modelId(), embedder.modelVersion());
                for (int start = 0; start < texts.size(); start += 64) {
                    float[][] vectors = embedder.embed(texts.subList(start, Math.min(texts.size(), start + 64)));
                    for (int i = 0; i < vectors.length; i++) {
                        index.put(start + i + 1, vectors[i]);
                    }
                }
                double sum = 0;
                StringBuilder table = new StringBuilder();
                for (String query : queries) {
                    float[] vector = embedder.embed(List.of(query))[0];
                    List<ExactVectorIndex.Hit> hits = index.search(vector, 10, null);
                    long relevant = hits.stream().filter(h -> StylesCatalog.label(rows.get((int) h.productId() - 1)).equals(query)).count();
                    sum += relevant / 10.0;
                    table.append(String.format("| %-28s | %4d | %.1f |%n", query, pairs.get(query), relevant / 10.0));
                }
                double average = sum / queries.size();
                averages.put(variant.name(), average);
                System.out.printf("Search relevance, %s, %d products, %d queries: mean precision@10 = %.3f%n%s",
                        variant, rows.size(), queries.size(), average, table);
            }
        }
        System.out.println("Mean precision@10 by model build: " + averages);
        averages.forEach((variant, average) -> assertTrue(average >= 0.6,
                variant + " mean precision@10 " + average + " is below 0.6"));
    }
}
