package com.styleshepherd.workflows.order;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * Search attributes of orders and shipments, for ops in the Temporal UI: {@code OrderStatus="CANCELLED"},
 * {@code ShipmentStuck=true}. Registered with the checkout's ({@code CheckoutSearchAttributes.ALL}).
 */
public final class OrderSearchAttributes {

    public static final SearchAttributeKey<String> ORDER_ID = SearchAttributeKey.forKeyword("OrderId");
    public static final SearchAttributeKey<String> ORDER_STATUS = SearchAttributeKey.forKeyword("OrderStatus");
    /** True while a shipment has not moved for longer than the order's policy allows. */
    public static final SearchAttributeKey<Boolean> SHIPMENT_STUCK = SearchAttributeKey.forBoolean("ShipmentStuck");

    public static final List<SearchAttributeKey<?>> ALL = List.of(ORDER_ID, ORDER_STATUS, SHIPMENT_STUCK);

    private OrderSearchAttributes() {
    }
}
