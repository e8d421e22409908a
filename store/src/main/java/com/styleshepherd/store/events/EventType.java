package com.styleshepherd.store.events;

/**
 * The domain events the shop publishes (docs/events.md): each with the aggregate whose id keys it on the topic,
 * and the version of its schema ({@code events/<type>.schema.json}). A change a consumer could not read the old
 * way gets a new version; adding an optional field does not.
 */
public enum EventType {
    ORDER_PLACED("OrderPlaced", "order", 1),
    ORDER_CANCELLED("OrderCancelled", "order", 1),
    PAYMENT_REFUNDED("PaymentRefunded", "order", 1),
    RETURN_OPENED("ReturnOpened", "order", 1),
    CHECKOUT_FAILED("CheckoutFailed", "checkout", 1),
    CHECKOUT_CANCELLED("CheckoutCancelled", "checkout", 1),
    STOCK_RESERVED("StockReserved", "product", 1),
    STOCK_RELEASED("StockReleased", "product", 1),
    STOCK_SOLD_OUT("StockSoldOut", "product", 1),
    PRODUCT_CHANGED("ProductChanged", "product", 1),
    MODEL_PROMOTED("ModelPromoted", "model", 1);

    private final String typeName;
    private final String aggregateType;
    private final int schemaVersion;

    EventType(String typeName, String aggregateType, int schemaVersion) {
        this.typeName = typeName;
        this.aggregateType = aggregateType;
        this.schemaVersion = schemaVersion;
    }

    /** The name in the event's {@code type} field and its schema's file name. */
    public String typeName() {
        return typeName;
    }

    public String aggregateType() {
        return aggregateType;
    }

    public int schemaVersion() {
        return schemaVersion;
    }
}
