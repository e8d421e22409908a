package com.styleshepherd.workflows.order;

/**
 * Where an order is, as its {@link OrderWorkflow} decides (and mirrors on {@code orders.status}). An order
 * that ships in parts is PARTIALLY_SHIPPED until every line is on its way.
 */
public enum OrderStatus {
    PLACED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, COMPLETED, CANCELLED, REFUNDED;

    /** No change is taken any more: the workflow ends. */
    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == REFUNDED;
    }
}
