package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.ShippingAddress;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order with its lines. */
public record OrderRecord(
        UUID id, UUID checkoutId, String userId, String status, BigDecimal subtotal, BigDecimal total,
        String currency, ShippingAddress shippingAddress, List<OrderLineRecord> lines, Instant createdAt) {
}
