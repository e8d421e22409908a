package com.styleshepherd.workflows.order;

import java.util.List;
import java.util.UUID;

/**
 * A shipment as its workflow holds it.
 *
 * @param stuck whether it has stayed at its step longer than allowed (also the {@code ShipmentStuck}
 *     search attribute)
 */
public record ShipmentState(UUID orderId, UUID shipmentId, List<UUID> lineIds, ShipmentStep step, String carrier,
        String trackingNumber, boolean stuck) {
}
