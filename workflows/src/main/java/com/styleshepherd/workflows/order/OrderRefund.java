package com.styleshepherd.workflows.order;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One refund to ask of the payment provider.
 *
 * @param idempotencyKey derived from what the refund is for ({@code refund-<orderId>-cancel},
 *     {@code refund-<returnId>}, {@code refund-<orderId>-ops-<key>}); sent to the provider and unique in
 *     {@code order_refunds}, so a retried or replayed activity never refunds twice
 * @param returnId the return it pays back; null for a cancellation or an ops refund
 */
public record OrderRefund(UUID orderId, String paymentIntentId, String idempotencyKey, BigDecimal amount,
        String currency, String reason, UUID returnId) {
}
