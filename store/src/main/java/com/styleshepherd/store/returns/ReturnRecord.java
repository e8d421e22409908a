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

    /**
     * SQL: whether the return {@code r} came back, i.e. the warehouse received it, in whatever condition. A return
     * asked for and never received did not. Returns recorded before returns were received (issue 25) have no
     * receipt date: those the old flow marked received or refunded count. False, never null, when {@code r} is absent.
     */
    public static final String CAME_BACK =
            "(r.received_at IS NOT NULL OR coalesce(r.status IN ('RECEIVED', 'REFUNDED'), false))";
}
