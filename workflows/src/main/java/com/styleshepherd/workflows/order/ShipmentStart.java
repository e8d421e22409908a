package com.styleshepherd.workflows.order;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The input of {@link ShipmentWorkflow}: which lines of which order, and when it counts as stuck. */
public record ShipmentStart(UUID orderId, UUID shipmentId, List<UUID> lineIds, Duration stuckAfter) {

    public ShipmentStart {
        lineIds = List.copyOf(lineIds);
    }
}
