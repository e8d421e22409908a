package com.styleshepherd.workflows.conversation;

import java.math.BigDecimal;
import java.util.List;

/** A line of the conversation's cart. The checkout prices it again from the catalog. */
public record CartItem(long productId, String name, String category, String colour, String size, int quantity,
        BigDecimal unitPrice, String currency) {

    /** The line as a product the conversation can talk about ("it"), in its one size. */
    public ShownProduct asShown() {
        return new ShownProduct(productId, name, category, colour, unitPrice, currency, List.of(size), null);
    }
}
