package com.styleshepherd.api.search;

import com.styleshepherd.api.catalog.ProductResponse;
import com.styleshepherd.search.SemanticSearch;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Search results, most similar first.
 *
 * @param model the model that ranked them ({@code id/version}); scores of different models do not compare
 * @param items each product with {@code score}, the cosine similarity to the query (-1..1)
 */
@Serdeable
public record SearchResponse(String model, List<Item> items) {

    @Serdeable
    public record Item(float score, ProductResponse product) {
    }

    static SearchResponse of(String model, List<SemanticSearch.ScoredProduct> found) {
        return new SearchResponse(model, found.stream()
                .map(hit -> new Item(hit.score(), ProductResponse.of(hit.product())))
                .toList());
    }
}
