package com.styleshepherd.store.conversation;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.store.shopper.Shoppers;
import com.styleshepherd.workflows.conversation.TurnRecord;
import com.styleshepherd.workflows.conversation.TurnResult;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Conversations and their transcripts in PostgreSQL. */
@Singleton
public class ConversationStore {

    private final ConversationRepository repository;
    private final JsonColumns json;
    private final Shoppers shoppers;

    ConversationStore(ConversationRepository repository, JsonColumns json, Shoppers shoppers) {
        this.repository = repository;
        this.json = json;
        this.shoppers = shoppers;
    }

    @Transactional
    public ConversationRecord open(UUID conversationId, String userId, String workflowId) {
        shoppers.ensure(userId);
        repository.insertIfAbsent(conversationId, userId, workflowId);
        return find(conversationId).orElseThrow();
    }

    @ReadOnly
    public Optional<ConversationRecord> find(UUID conversationId) {
        return repository.findById(conversationId);
    }

    /** The shopper's conversations, newest first. */
    @ReadOnly
    public Page<ConversationRecord> listForUser(String userId, Pageable pageable) {
        return repository.listForUser(userId, pageable);
    }

    /**
     * Appends the turn to the transcript and counts it; a turn already recorded (a retried activity)
     * changes nothing.
     */
    @Transactional
    public boolean recordTurn(TurnRecord turn) {
        TurnResult result = turn.result();
        Long[] productIds = result.products().stream().map(p -> p.productId()).toArray(Long[]::new);
        int inserted = repository.insertTurnIfAbsent(result.turnId(), turn.conversationId(), result.number(),
                result.transcript(), result.understanding().intent().name(),
                json.write(result.understanding().entities()), result.reply(), turn.spoken(),
                result.understanding().source(), productIds, result.checkoutId(), json.write(result), turn.sizedBy());
        if (inserted == 1) {
            repository.counted(turn.conversationId(), result.number());
        }
        return inserted == 1;
    }

    /** The stored answer of a turn of this conversation, to answer a repeated request identically. */
    @ReadOnly
    public Optional<TurnResult> findTurn(UUID conversationId, UUID turnId) {
        return repository.findTurnResult(conversationId, turnId).map(stored -> json.read(stored, TurnResult.class));
    }

    /** A page of the transcript, oldest turn first. */
    @ReadOnly
    public Page<TranscriptTurn> transcript(UUID conversationId, Pageable pageable) {
        return repository.transcript(conversationId, pageable);
    }

    /** Marks the conversation ended; the first end wins. */
    @Transactional
    public void close(UUID conversationId, int turns, String endReason) {
        repository.close(conversationId, turns, endReason);
    }

    /**
     * One turn of a transcript.
     *
     * @param sizedBy the models behind the turn's size advice ({@code size-model v1}, {@code size-chart};
     *     {@code none} when nothing could size the product); null when the turn gave no size advice
     */
    @Introspected
    @Serdeable
    public record TranscriptTurn(UUID turnId, int number, String transcript, @Nullable String intent,
            @Nullable String reply, boolean spoken, @Nullable String understoodBy, List<Long> productIds,
            @Nullable UUID checkoutId, Instant at, @Nullable String sizedBy) {
    }
}
