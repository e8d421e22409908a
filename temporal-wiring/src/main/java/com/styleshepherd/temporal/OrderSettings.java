package com.styleshepherd.temporal;

import com.styleshepherd.workflows.order.OrderPolicy;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The rules of new orders ({@code styleshepherd.orders.*}); each order keeps the rules it was placed with.
 *
 * @param returnWindow how long after delivery returns are taken
 * @param shipmentStuckAfter how long a shipment may stay at one step before ops are alerted
 * @param returnReceiptGrace how long after the window closes a return asked for in time may still arrive
 */
@ConfigurationProperties("styleshepherd.orders")
public record OrderSettings(
        @Bindable(defaultValue = "30d") Duration returnWindow,
        @Bindable(defaultValue = "3d") Duration shipmentStuckAfter,
        @Bindable(defaultValue = "14d") Duration returnReceiptGrace) {

    public OrderPolicy policy() {
        return new OrderPolicy(returnWindow, shipmentStuckAfter, returnReceiptGrace);
    }
}
