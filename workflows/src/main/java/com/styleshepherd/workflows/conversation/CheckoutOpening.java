package com.styleshepherd.workflows.conversation;

import com.styleshepherd.workflows.checkout.CheckoutPolicy;
import java.util.List;
import java.util.UUID;

/**
 * A conversation's request to check its cart out. The checkout's idempotency key is derived from the
 * conversation and the turn, so the same turn, however often retried, opens one checkout.
 */
public record CheckoutOpening(UUID conversationId, UUID turnId, String userId, List<CartItem> cart, Wallet wallet,
        CheckoutPolicy policy) {

    public CheckoutOpening {
        cart = List.copyOf(cart);
    }

    /** The {@code Idempotency-Key} this turn's checkout is opened under, as if sent to {@code POST /api/checkouts}. */
    public String idempotencyKey() {
        return "conversation-" + conversationId + "-" + turnId;
    }
}
