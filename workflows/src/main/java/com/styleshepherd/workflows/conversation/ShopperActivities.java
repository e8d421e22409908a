package com.styleshepherd.workflows.conversation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.UUID;

/** The conversation's reads and writes of the shop, on task queue {@code conversation}. */
@ActivityInterface
public interface ShopperActivities {

    /**
     * Records a checkout for the cart under the turn's idempotency key, priced from the catalog and with
     * its stock checked, ready for the workflow to start. Retried, it returns the same checkout.
     */
    @ActivityMethod
    CheckoutPlan openCheckout(CheckoutOpening opening);

    /** The shopper's latest order, or null when they have none. */
    @ActivityMethod
    OrderSummary latestOrder(String userId);

    /** Requests a return of a line of the shopper's latest order, through its order workflow (once per line). */
    @ActivityMethod
    ReturnOutcome startReturn(ReturnAsk ask);

    /**
     * Persists the turn in the transcript (once, however often retried), writes the context to Valkey
     * (1 h) and restarts the shopper's session (24 h).
     */
    @ActivityMethod
    void recordTurn(TurnRecord turn);

    /** Marks the conversation ended in PostgreSQL and drops its context from Valkey. */
    @ActivityMethod
    void closeConversation(UUID conversationId, int turns, String endReason);
}
