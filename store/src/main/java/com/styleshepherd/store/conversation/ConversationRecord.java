package com.styleshepherd.store.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation as stored.
 *
 * @param status ACTIVE or ENDED
 * @param endReason {@code shopper} or {@code idle} once ended
 */
public record ConversationRecord(UUID id, String userId, String workflowId, String status, int turns,
        Instant startedAt, Instant lastTurnAt, Instant endedAt, String endReason) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
