package com.styleshepherd.workflows.order;

/** A shipment's steps, in order; CANCELLED only before it shipped (the order was cancelled). */
public enum ShipmentStep {
    REQUESTED, LABEL_CREATED, SHIPPED, DELIVERED, CANCELLED;

    public boolean isFinal() {
        return this == DELIVERED || this == CANCELLED;
    }

    /** Whether the goods have left the warehouse (a cancellation is too late). */
    public boolean hasLeft() {
        return this == SHIPPED || this == DELIVERED;
    }
}
