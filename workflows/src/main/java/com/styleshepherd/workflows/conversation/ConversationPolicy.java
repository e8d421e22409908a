package com.styleshepherd.workflows.conversation;

import com.styleshepherd.workflows.checkout.CheckoutPolicy;
import java.time.Duration;

/**
 * The rules of one conversation, fixed when it starts (the api reads them from
 * {@code styleshepherd.conversation.*}).
 *
 * @param idleTimeout a conversation with no turn for this long ends
 * @param turnsPerRun after this many turns the workflow continues as new, carrying its context, so its
 *     history stays short
 * @param resultsPerSearch how many products a search or recommendation shows
 * @param checkout the limits of the checkouts it starts
 */
public record ConversationPolicy(Duration idleTimeout, int turnsPerRun, int resultsPerSearch, CheckoutPolicy checkout) {

    public static final ConversationPolicy DEFAULT =
            new ConversationPolicy(Duration.ofMinutes(30), 50, 5, CheckoutPolicy.DEFAULT);
}
