package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.PricedCart;
import com.styleshepherd.workflows.checkout.Purchase;
import java.util.UUID;

/**
 * A checkout about to be opened, with its cart priced from the catalog.
 *
 * @param requestHash SHA-256 (hex) of the shopper and the canonical request: tells a replay of the same
 *     request from a reuse of the idempotency key for a different one
 */
public record NewCheckout(
        UUID id, String userId, String idempotencyKey, String requestHash, String workflowId, Purchase request,
        PricedCart cart) {
}
