package com.styleshepherd.workflows.order;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The input of {@link ShipmentWorkflow}: which lines of which order, and when it counts as stuck.
 *
 * @param startsAt the step it starts at: null (REQUESTED) for a new shipment; SHIPPED for the one an order adopted
 *     from before orders had a workflow was already under way in
 */
public record ShipmentStart(UUID orderId, UUID shipmentId, List<UUID> lineIds, Duration stuckAfter,
        ShipmentStep startsAt) {

    public ShipmentStart {
        lineIds = List.copyOf(lineIds);
    }
}
