package com.styleshepherd.api.orders;

import com.styleshepherd.store.checkout.OrderLineRecord;
import com.styleshepherd.store.checkout.OrderRecord;
import com.styleshepherd.workflows.checkout.ShippingAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as its shopper sees it; money as decimal strings.
 *
 * @param status PLACED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, COMPLETED, CANCELLED or REFUNDED
 * @param paymentStatus SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED or REFUND_FAILED
 * @param refundedAmount what was paid back so far
 * @param shippingAddress where it goes; absent once the shopper's personal data was erased
 */
@Serdeable
public record OrderResponse(
        UUID orderId, UUID checkoutId, String status, @Nullable String paymentStatus, String subtotal, String total,
        String refundedAmount, String currency, @Nullable @Schema(nullable = false) ShippingAddress shippingAddress, List<Line> lines,
        Instant createdAt) {

    @Serdeable
    public record Line(UUID lineId, int lineNo, long productId, String sku, String name, String category,
            String size, int quantity, String unitPrice, String lineTotal) {

        static Line of(OrderLineRecord line) {
            return new Line(line.id(), line.lineNo(), line.productId(), line.sku(), line.productName(), line.category(),
                    line.size(), line.quantity(), line.unitPrice().toPlainString(), line.lineTotal().toPlainString());
        }
    }

    static OrderResponse of(OrderRecord order) {
        return new OrderResponse(order.id(), order.checkoutId(), order.status(), order.paymentStatus(),
                order.subtotal().toPlainString(),
                order.total().toPlainString(), order.refundedAmount().toPlainString(), order.currency(), erasedToNull(order.shippingAddress()),
                order.lines().stream().map(Line::of).toList(), order.createdAt());
    }

    /** Erasure keeps the order for the books but empties its address ({@code {}}): that is no address. */
    @Nullable
    private static ShippingAddress erasedToNull(@Nullable ShippingAddress address) {
        return address == null || address.name() == null && address.line1() == null && address.city() == null
                && address.postalCode() == null && address.country() == null ? null : address;
    }
}
