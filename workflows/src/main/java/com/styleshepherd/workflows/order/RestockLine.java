package com.styleshepherd.workflows.order;

import java.util.UUID;

/** Units of an order line going back into stock. */
public record RestockLine(UUID lineId, int quantity) {
}
