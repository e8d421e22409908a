package com.styleshepherd.workflows.order;

import java.math.BigDecimal;
import java.util.UUID;

/** A line of the order as it was sold: what a return of it refunds and a restock puts back. */
public record OrderLine(UUID lineId, int lineNo, long productSizeId, String sku, int quantity, BigDecimal unitPrice,
        BigDecimal lineTotal) {

    /** What {@code units} of this line cost the shopper. */
    public BigDecimal amountFor(int units) {
        return units == quantity ? lineTotal : unitPrice.multiply(BigDecimal.valueOf(units));
    }
}
