package com.styleshepherd.workflows.conversation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.math.BigDecimal;

/**
 * The conversation's uses of the text model, on task queue {@code gpu}: semantic product search,
 * recommendations and preference memories all embed words first.
 */
@ActivityInterface
public interface DiscoveryActivities {

    /**
     * In-stock products closest in meaning to the slots, exact on category, price and size; a colour
     * that matches nothing is relaxed (and said so) rather than answering with nothing.
     */
    @ActivityMethod
    ProductMatches findProducts(String userId, SearchSlots slots, int topK);

    /** The shopper's recommendations (taste, history, usual sizes), optionally for an occasion and budget. */
    @ActivityMethod
    ProductMatches recommend(String userId, String occasion, BigDecimal maxPrice, int topK);

    /** Stores a stated preference as a memory, embedded for search and recommendations. */
    @ActivityMethod
    void rememberPreference(String userId, String preference);
}
