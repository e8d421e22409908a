package com.styleshepherd.store.checkout;

import java.util.UUID;

/**
 * A checkout the api is about to start.
 *
 * @param requestHash SHA-256 (hex) of the shopper and the canonical request: tells a replay of the same
 *     request from a reuse of the idempotency key for a different one
 */
public record NewCheckout(
        UUID id, String userId, String idempotencyKey, String requestHash, String workflowId,
        StoredCheckoutRequest request) {
}
