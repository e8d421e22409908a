package com.styleshepherd.workflows.checkout;

import java.math.BigDecimal;
import java.util.List;

/** The cart priced from PostgreSQL; client prices are never used. One currency per cart. */
public record PricedCart(List<PricedLine> lines, BigDecimal subtotal, BigDecimal total, String currency) {

    public PricedCart {
        lines = List.copyOf(lines);
    }
}
