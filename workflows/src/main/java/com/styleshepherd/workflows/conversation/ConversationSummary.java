package com.styleshepherd.workflows.conversation;

import java.util.UUID;

/**
 * The result of a finished conversation.
 *
 * @param endReason {@code shopper} (goodbye or DELETE), {@code idle} (no turn within the idle timeout)
 */
public record ConversationSummary(UUID conversationId, int turns, String endReason) {
}
