package com.styleshepherd.workflows.conversation;

import java.util.UUID;

/**
 * The input of {@link ConversationWorkflow}: a new conversation, or one continued as new (its context
 * and turn count carried over).
 *
 * @param wallet the payment method and address for checkouts, or null when the frontend gave none
 * @param turnsBefore turns taken in earlier runs
 */
public record ConversationStart(
        UUID conversationId, String userId, Wallet wallet, ConversationPolicy policy, ConversationContext context,
        int turnsBefore) {

    public static ConversationStart fresh(UUID conversationId, String userId, Wallet wallet, ConversationPolicy policy) {
        return new ConversationStart(conversationId, userId, wallet, policy, ConversationContext.EMPTY, 0);
    }
}
