package com.styleshepherd.workflows.conversation;

import java.math.BigDecimal;

/** A line of the conversation's cart. The checkout prices it again from the catalog. */
public record CartItem(long productId, String name, String category, String colour, String size, int quantity,
        BigDecimal unitPrice, String currency) {
}
