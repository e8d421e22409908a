package com.styleshepherd.api.orders;

import com.styleshepherd.workflows.order.ShipmentState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/**
 * A shipment of (some lines of) an order.
 *
 * @param step REQUESTED, LABEL_CREATED, SHIPPED, DELIVERED or CANCELLED
 * @param stuck whether it has stayed at its step longer than allowed (ops are alerted)
 */
@Serdeable
public record ShipmentResponse(UUID shipmentId, UUID orderId, List<UUID> lineIds, String step,
        @Nullable String carrier, @Nullable String trackingNumber, boolean stuck) {

    static ShipmentResponse of(ShipmentState state) {
        return new ShipmentResponse(state.shipmentId(), state.orderId(), state.lineIds(), state.step().name(),
                state.carrier(), state.trackingNumber(), state.stuck());
    }
}
