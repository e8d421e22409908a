package com.styleshepherd.workflows.order;

import java.time.Duration;

/**
 * The rules of one order, fixed when it is placed ({@code styleshepherd.orders.*}), so a running order
 * never changes its rules half-way.
 *
 * @param returnWindow how long after delivery a shopper may ask for a return
 * @param shipmentStuckAfter how long a shipment may stay at one step before ops are alerted
 * @param returnReceiptGrace how long after the window closes a return asked for in time may still arrive; one
 *     that has not arrived then expires, and the order completes (null in orders placed before it existed: the
 *     default applies)
 */
public record OrderPolicy(Duration returnWindow, Duration shipmentStuckAfter, Duration returnReceiptGrace) {

    public static final Duration DEFAULT_RETURN_RECEIPT_GRACE = Duration.ofDays(14);

    public static final OrderPolicy DEFAULT = new OrderPolicy(Duration.ofDays(30), Duration.ofDays(3),
            DEFAULT_RETURN_RECEIPT_GRACE);

    public OrderPolicy {
        returnReceiptGrace = returnReceiptGrace == null ? DEFAULT_RETURN_RECEIPT_GRACE : returnReceiptGrace;
    }
}
