package com.styleshepherd.workflows.order;

import java.util.UUID;

/**
 * The input of {@link OrderWorkflow}: the order the checkout placed, and the rules it lives by.
 *
 * @param adoptedAt null for an order its checkout placed; for an order placed before orders had a workflow
 *     (adopted later, {@code LegacyOrderAdoption}), the status its row had then: PLACED, SHIPPED (its lines
 *     travel in one shipment already under way) or DELIVERED (its return window opens on adoption)
 */
public record OrderStart(UUID orderId, UUID checkoutId, String shopperId, OrderPolicy policy, OrderStatus adoptedAt) {
}
