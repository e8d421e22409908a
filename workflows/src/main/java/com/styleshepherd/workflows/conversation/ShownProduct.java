package com.styleshepherd.workflows.conversation;

import java.math.BigDecimal;
import java.util.List;

/**
 * A product as the conversation showed it: enough to refer back to it ("the second one in M") and to
 * say something about it, without reading the catalog again.
 *
 * @param sizesInStock the sizes with stock when it was shown, in display order
 * @param reason why it was shown (a recommendation's strongest reason), or null
 */
public record ShownProduct(
        long productId,
        String name,
        String category,
        String colour,
        BigDecimal price,
        String currency,
        List<String> sizesInStock,
        String reason) {

    public ShownProduct {
        sizesInStock = sizesInStock == null ? List.of() : List.copyOf(sizesInStock);
    }
}
