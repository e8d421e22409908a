package com.styleshepherd.workflows.conversation;

import java.util.UUID;

/** A conversation as its workflow sees it now (the {@code state} query). */
public record ConversationState(UUID conversationId, String userId, boolean ended, String endReason, int turns,
        ConversationContext context) {
}
