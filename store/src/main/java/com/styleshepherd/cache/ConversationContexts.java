package com.styleshepherd.cache;

import com.styleshepherd.workflows.conversation.ConversationContext;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * A conversation's context (last results, cart, search slots) in Valkey for an hour after its last turn,
 * so reads need not query the workflow. The workflow stays the durable source: a missing entry is read
 * from it.
 */
@Singleton
public final class ConversationContexts {

    public static final Duration TTL = Duration.ofHours(1);

    private final ValkeyStore<ConversationContext> contexts;

    ConversationContexts(ValkeyStores stores) {
        this.contexts = stores.store("conversation-context", ConversationContext.class, TTL);
    }

    public void put(UUID conversationId, ConversationContext context) {
        contexts.put(conversationId.toString(), context);
    }

    public Optional<ConversationContext> find(UUID conversationId) {
        return contexts.get(conversationId.toString());
    }

    public Optional<Duration> timeToLive(UUID conversationId) {
        return contexts.timeToLive(conversationId.toString());
    }

    public boolean delete(UUID conversationId) {
        return contexts.delete(conversationId.toString());
    }
}
