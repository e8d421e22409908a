package com.styleshepherd.workflows.conversation;

import java.util.UUID;

/**
 * One finished turn, to persist in the transcript, with the context it left behind.
 *
 * @param sizedBy the models that made the turn's size advice ("size-model v1", "size-chart"), joined by ", ";
 *     null when the turn gave none (an older history's record has none either)
 */
public record TurnRecord(UUID conversationId, String userId, boolean spoken, TurnResult result,
        ConversationContext context, String sizedBy) {

    public TurnRecord(UUID conversationId, String userId, boolean spoken, TurnResult result, ConversationContext context) {
        this(conversationId, userId, spoken, result, context, null);
    }
}
