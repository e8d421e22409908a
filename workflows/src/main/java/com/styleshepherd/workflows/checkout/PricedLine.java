package com.styleshepherd.workflows.checkout;

import java.math.BigDecimal;

/** A cart line priced from the catalog; what the order line will say. */
public record PricedLine(
        int lineNo,
        long productId,
        long productSizeId,
        String sku,
        String name,
        String category,
        String size,
        int quantity,
        BigDecimal unitPrice,
        BigDecimal lineTotal) {
}
