package com.styleshepherd.shipping;

import java.util.UUID;

/**
 * A verified carrier event: a shipment reached a step.
 *
 * @param step LABEL_CREATED, SHIPPED or DELIVERED
 * @param payload the raw body, stored as received
 */
public record CarrierEvent(String eventId, UUID orderId, UUID shipmentId, String step, String carrier,
        String trackingNumber, String payload) {
}
