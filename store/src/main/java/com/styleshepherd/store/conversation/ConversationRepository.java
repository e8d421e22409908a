package com.styleshepherd.store.conversation;

import com.styleshepherd.store.conversation.ConversationStore.TranscriptTurn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** The SQL behind {@link ConversationStore}: conversations and their turns ({@code conversation_turns}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ConversationRepository extends GenericRepository<ConversationRecord, UUID> {

    /** 1 when the row was inserted, 0 when a conversation with this id exists already. */
    @Query("""
            INSERT INTO conversations (id, user_id, workflow_id, status)
            VALUES (:conversationId, :userId, :workflowId, 'ACTIVE')
            ON CONFLICT (id) DO NOTHING
            """)
    int insertIfAbsent(UUID conversationId, String userId, String workflowId);

    Optional<ConversationRecord> findById(UUID id);

    @Query(value = "SELECT * FROM conversations WHERE user_id = :userId ORDER BY started_at DESC, id",
            countQuery = "SELECT count(*) FROM conversations WHERE user_id = :userId")
    Page<ConversationRecord> listForUser(String userId, Pageable pageable);

    /** 1 when the turn was inserted, 0 when it was recorded already. */
    @Query("""
            INSERT INTO conversation_turns (id, conversation_id, turn_no, transcript, intent, entities, reply, spoken,
                                            understood_by, product_ids, checkout_id, result, sized_by)
            VALUES (:turnId, :conversationId, :number, :transcript, :intent, CAST(:entities AS jsonb), :reply, :spoken,
                    :understoodBy, :productIds, :checkoutId, CAST(:result AS jsonb), :sizedBy)
            ON CONFLICT (id) DO NOTHING
            """)
    int insertTurnIfAbsent(UUID turnId, UUID conversationId, int number, String transcript, String intent,
            String entities, @Nullable String reply, boolean spoken, @Nullable String understoodBy, Long[] productIds,
            @Nullable UUID checkoutId, String result, @Nullable String sizedBy);

    @Query("UPDATE conversations SET turns = greatest(turns, :number), last_turn_at = now() WHERE id = :conversationId")
    int counted(UUID conversationId, int number);

    /** The turn's answer, as JSON. */
    @Query("SELECT result FROM conversation_turns WHERE id = :turnId AND conversation_id = :conversationId")
    Optional<String> findTurnResult(UUID conversationId, UUID turnId);

    @Query(value = """
            SELECT id AS turn_id, turn_no AS number, transcript, intent, reply, spoken, understood_by, product_ids,
                   checkout_id, created_at AS at, sized_by
            FROM conversation_turns WHERE conversation_id = :conversationId ORDER BY turn_no
            """, countQuery = "SELECT count(*) FROM conversation_turns WHERE conversation_id = :conversationId")
    Page<TranscriptTurn> transcript(UUID conversationId, Pageable pageable);

    @Query("""
            UPDATE conversations SET status = 'ENDED', ended_at = now(), end_reason = :endReason,
                                     turns = greatest(turns, :turns)
            WHERE id = :conversationId AND status = 'ACTIVE'
            """)
    int close(UUID conversationId, int turns, String endReason);
}
