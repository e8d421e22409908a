package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.ShippingAddress;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order with its lines.
 *
 * @param status PLACED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, COMPLETED, CANCELLED or REFUNDED
 * @param paymentStatus SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED or REFUND_FAILED (the order workflow's word)
 * @param refundedAmount what the refunds that succeeded gave back
 */
public record OrderRecord(
        UUID id, UUID checkoutId, String userId, String status, String paymentStatus, BigDecimal subtotal,
        BigDecimal total, BigDecimal refundedAmount, String currency, ShippingAddress shippingAddress, List<OrderLineRecord> lines,
        Instant createdAt) {
}
