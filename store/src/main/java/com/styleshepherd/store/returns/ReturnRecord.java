package com.styleshepherd.store.returns;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * A return a shopper asked for: one per order line. Read with the line's product, size and name (a
 * projection of {@code returns} joined to {@code order_lines}).
 *
 * @param reason TOO_SMALL, TOO_LARGE, STYLE, QUALITY or OTHER
 * @param status REQUESTED, RECEIVED, REFUNDED, REJECTED (unreturnable) or EXPIRED (never received in time)
 * @param condition how it came back (RESELLABLE, DAMAGED, UNRETURNABLE); null until received
 * @param refundAmount what its refund gave back; null until received
 */
@Introspected
public record ReturnRecord(
        UUID id, UUID orderId, UUID lineId, long productId, String sku, String productName, String size,
        int quantity, String reason, @Nullable String comment, String status, @Nullable String condition,
        @Nullable java.math.BigDecimal refundAmount, Instant createdAt) {
}
