package com.styleshepherd.store.events;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The stock events, written by the store's stock changes in their own transactions: each keyed by the product,
 * so one product's events stay in order on the topic, and {@code StockSoldOut} after any change that left a
 * size with no unit.
 */
@Singleton
public class StockEvents {

    /** Why units came back to stock. */
    public enum Cause { CHECKOUT_RELEASED, HOLD_EXPIRED, ORDER_RESTOCKED }

    private final Outbox outbox;
    private final StockEventRepository sizes;

    StockEvents(Outbox outbox, StockEventRepository sizes) {
        this.outbox = outbox;
        this.sizes = sizes;
    }

    /** {@code quantity} units of the size held for the checkout. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void reserved(UUID checkoutId, long productSizeId, int quantity) {
        sizes.find(productSizeId).ifPresent(size -> {
            Map<String, Object> data = fields(size);
            data.put("checkoutId", checkoutId.toString());
            data.put("quantity", quantity);
            outbox.append(EventType.STOCK_RESERVED, size.productId(), data);
            soldOutIfEmpty(size);
        });
    }

    /** Units taken from stock without a hold (an order whose hold had expired): sold out if none is left. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void taken(long productSizeId) {
        sizes.find(productSizeId).ifPresent(this::soldOutIfEmpty);
    }

    /** {@code quantity} units of the size back in stock, for {@code cause}; {@code reference}: checkout or order. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void released(Cause cause, UUID reference, long productSizeId, int quantity) {
        sizes.find(productSizeId).ifPresent(size -> {
            Map<String, Object> data = fields(size);
            data.put("cause", cause.name());
            data.put(cause == Cause.ORDER_RESTOCKED ? "orderId" : "checkoutId", reference.toString());
            data.put("quantity", quantity);
            outbox.append(EventType.STOCK_RELEASED, size.productId(), data);
        });
    }

    /** An order line's units back in stock. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void restocked(UUID orderId, UUID lineId, int quantity) {
        sizes.sizeOfLine(lineId).ifPresent(sizeId -> released(Cause.ORDER_RESTOCKED, orderId, sizeId, quantity));
    }

    private void soldOutIfEmpty(StockEventRepository.SizeStock size) {
        if (size.stock() == 0) {
            Map<String, Object> data = fields(size);
            data.remove("stockLeft");
            outbox.append(EventType.STOCK_SOLD_OUT, size.productId(), data);
        }
    }

    private static Map<String, Object> fields(StockEventRepository.SizeStock size) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("productId", size.productId());
        data.put("productSizeId", size.productSizeId());
        data.put("sku", size.sku());
        data.put("size", size.size());
        data.put("stockLeft", size.stock());
        return data;
    }
}
