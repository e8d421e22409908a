package com.styleshepherd.workflows.checkout;

import java.util.UUID;

/** The order a completed checkout created (the same one however often the step ran). */
public record OrderPlaced(UUID orderId) {
}
