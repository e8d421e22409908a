package com.styleshepherd.api.returns;

import com.styleshepherd.store.returns.ReturnRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A return as its shopper sees it.
 *
 * @param status REQUESTED, RECEIVED, REFUNDED, REJECTED (unreturnable) or EXPIRED (never received in time)
 * @param condition how it came back (RESELLABLE, DAMAGED, UNRETURNABLE); absent until received
 * @param refundAmount what was paid back for it, a decimal string; absent until received
 */
@Serdeable
public record ReturnResponse(
        UUID returnId, UUID orderId, UUID lineId, long productId, String sku, String name, String size, int quantity,
        String reason, @Nullable String comment, String status, @Nullable String condition,
        @Nullable String refundAmount, Instant createdAt) {

    static ReturnResponse of(ReturnRecord r) {
        return new ReturnResponse(r.id(), r.orderId(), r.lineId(), r.productId(), r.sku(), r.productName(), r.size(),
                r.quantity(), r.reason(), r.comment(), r.status(), r.condition(),
                r.refundAmount() == null ? null : r.refundAmount().toPlainString(), r.createdAt());
    }
}
