package com.styleshepherd.workflows.order;

/**
 * A step a shipment reached, from ops or the carrier's webhook.
 *
 * @param carrier and {@code trackingNumber}: when the label is created; null keeps what is known
 */
public record ShipmentReport(ShipmentStep step, String carrier, String trackingNumber) {
}
