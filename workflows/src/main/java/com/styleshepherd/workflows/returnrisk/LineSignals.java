package com.styleshepherd.workflows.returnrisk;

import java.util.List;

/**
 * What the model knows about one cart line.
 *
 * @param sizesOffered the product's sizes, smallest first
 * @param fit the product's cut ("regular", "slim", "oversized"...), or null
 * @param unitPrice the price of one unit in the cart's currency, or null (size advice has no cart)
 */
public record LineSignals(
        int lineNo, long productId, String name, String category, String size, int quantity, List<String> sizesOffered, String fit,
        Double unitPrice) {

    public LineSignals {
        sizesOffered = List.copyOf(sizesOffered);
    }
}
