package com.styleshepherd.workflows.conversation;

import java.util.List;

/**
 * Products found for a search or a recommendation.
 *
 * @param relaxed the filters dropped because nothing matched them exactly (e.g. {@code ["colour"]}),
 *     so the reply can say the results are the closest, not exact
 */
public record ProductMatches(List<ShownProduct> products, List<String> relaxed) {

    public ProductMatches {
        products = List.copyOf(products);
        relaxed = relaxed == null ? List.of() : List.copyOf(relaxed);
    }
}
