package com.styleshepherd.store.checkout;

import java.math.BigDecimal;
import java.util.UUID;

/** A line of an order: what the shopper paid for, whatever the catalog says later. */
public record OrderLineRecord(
        UUID id, int lineNo, long productId, String sku, String productName, String category, String size,
        int quantity, BigDecimal unitPrice, BigDecimal lineTotal, String currency) {
}
