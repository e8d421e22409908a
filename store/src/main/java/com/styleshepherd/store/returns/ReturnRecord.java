package com.styleshepherd.store.returns;

import java.time.Instant;
import java.util.UUID;

/**
 * A return a shopper asked for: one per order line.
 *
 * @param reason TOO_SMALL, TOO_LARGE, STYLE, QUALITY or OTHER
 * @param status REQUESTED, RECEIVED, REFUNDED or REJECTED
 */
public record ReturnRecord(
        UUID id, UUID orderId, UUID lineId, long productId, String sku, String productName, String size,
        int quantity, String reason, String comment, String status, Instant createdAt) {
}
