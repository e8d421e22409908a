package com.styleshepherd.workflows.order;

import java.util.UUID;

/** The input of {@link OrderWorkflow}: the order the checkout placed, and the rules it lives by. */
public record OrderStart(UUID orderId, UUID checkoutId, String shopperId, OrderPolicy policy) {
}
