package com.styleshepherd.workflows.order;

import java.time.Duration;

/**
 * The rules of one order, fixed when it is placed ({@code styleshepherd.orders.*}), so a running order
 * never changes its rules half-way.
 *
 * @param returnWindow how long after delivery a shopper may ask for a return
 * @param shipmentStuckAfter how long a shipment may stay at one step before ops are alerted
 */
public record OrderPolicy(Duration returnWindow, Duration shipmentStuckAfter) {

    public static final OrderPolicy DEFAULT = new OrderPolicy(Duration.ofDays(30), Duration.ofDays(3));
}
