package com.styleshepherd.store.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversation as stored (a row of {@code conversations}).
 *
 * @param status ACTIVE or ENDED
 * @param endReason {@code shopper} or {@code idle} once ended
 */
@MappedEntity("conversations")
public record ConversationRecord(@Id UUID id, @Nullable String userId, String workflowId, String status, int turns,
        Instant startedAt, @Nullable Instant lastTurnAt, @Nullable Instant endedAt, @Nullable String endReason) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
