package com.styleshepherd.workflows.checkout;

/** One line of the cart as the shopper sent it: no prices, they come from the catalog. */
public record CartLine(long productId, String size, int quantity) {
}
