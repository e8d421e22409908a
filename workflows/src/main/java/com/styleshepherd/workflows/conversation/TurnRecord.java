package com.styleshepherd.workflows.conversation;

import java.util.UUID;

/** One finished turn, to persist in the transcript, with the context it left behind. */
public record TurnRecord(UUID conversationId, String userId, boolean spoken, TurnResult result,
        ConversationContext context) {
}
