package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.ShippingAddress;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order with its lines.
 *
 * @param status PLACED, SHIPPED, DELIVERED, COMPLETED, CANCELLED or REFUNDED
 * @param paymentStatus the status of the checkout's latest payment (SUCCEEDED, REFUNDED, ...)
 */
public record OrderRecord(
        UUID id, UUID checkoutId, String userId, String status, String paymentStatus, BigDecimal subtotal,
        BigDecimal total, String currency, ShippingAddress shippingAddress, List<OrderLineRecord> lines,
        Instant createdAt) {
}
