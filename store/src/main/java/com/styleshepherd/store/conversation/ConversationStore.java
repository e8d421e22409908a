package com.styleshepherd.store.conversation;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.store.shopper.Shoppers;
import com.styleshepherd.workflows.conversation.TurnRecord;
import com.styleshepherd.workflows.conversation.TurnResult;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Conversations and their transcripts in PostgreSQL. */
@Singleton
public class ConversationStore {

    private static final String COLUMNS =
            "id, user_id, workflow_id, status, turns, started_at, last_turn_at, ended_at, end_reason";

    private final JdbcOperations jdbc;
    private final JsonColumns json;
    private final Shoppers shoppers;

    ConversationStore(JdbcOperations jdbc, JsonColumns json, Shoppers shoppers) {
        this.jdbc = jdbc;
        this.json = json;
        this.shoppers = shoppers;
    }

    @Transactional
    public ConversationRecord open(UUID conversationId, String userId, String workflowId) {
        shoppers.ensure(userId);
        jdbc.prepareStatement("""
                INSERT INTO conversations (id, user_id, workflow_id, status) VALUES (?, ?, ?, 'ACTIVE')
                ON CONFLICT (id) DO NOTHING
                """, statement -> {
            statement.setObject(1, conversationId);
            statement.setString(2, userId);
            statement.setString(3, workflowId);
            return statement.executeUpdate();
        });
        return find(conversationId).orElseThrow();
    }

    @ReadOnly
    public Optional<ConversationRecord> find(UUID conversationId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM conversations WHERE id = ?", statement -> {
            statement.setObject(1, conversationId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(conversation(rows)) : Optional.<ConversationRecord>empty();
            }
        });
    }

    /** The shopper's conversations, newest first. */
    @ReadOnly
    public Page<ConversationRecord> listForUser(String userId, Pageable pageable) {
        long total = jdbc.prepareStatement("SELECT count(*) FROM conversations WHERE user_id = ?", statement -> {
            statement.setString(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        List<ConversationRecord> page = jdbc.prepareStatement("SELECT " + COLUMNS
                + " FROM conversations WHERE user_id = ? ORDER BY started_at DESC, id LIMIT ? OFFSET ?", statement -> {
            statement.setString(1, userId);
            statement.setInt(2, pageable.getSize());
            statement.setLong(3, pageable.getOffset());
            List<ConversationRecord> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(conversation(rows));
                }
            }
            return found;
        });
        return Page.of(page, pageable, total);
    }

    /**
     * Appends the turn to the transcript and counts it; a turn already recorded (a retried activity)
     * changes nothing.
     */
    @Transactional
    public boolean recordTurn(TurnRecord turn) {
        TurnResult result = turn.result();
        int inserted = jdbc.prepareStatement("""
                INSERT INTO conversation_turns (id, conversation_id, turn_no, transcript, intent, entities, reply, spoken,
                                                understood_by, product_ids, checkout_id, result)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, CAST(? AS jsonb))
                ON CONFLICT (id) DO NOTHING
                """, statement -> {
            statement.setObject(1, result.turnId());
            statement.setObject(2, turn.conversationId());
            statement.setInt(3, result.number());
            statement.setString(4, result.transcript());
            statement.setString(5, result.understanding().intent().name());
            statement.setString(6, json.write(result.understanding().entities()));
            statement.setString(7, result.reply());
            statement.setBoolean(8, turn.spoken());
            statement.setString(9, result.understanding().source());
            statement.setArray(10, statement.getConnection().createArrayOf("bigint",
                    result.products().stream().map(p -> p.productId()).toArray(Long[]::new)));
            statement.setObject(11, result.checkoutId());
            statement.setString(12, json.write(result));
            return statement.executeUpdate();
        });
        if (inserted == 1) {
            jdbc.prepareStatement("""
                    UPDATE conversations SET turns = greatest(turns, ?), last_turn_at = now() WHERE id = ?
                    """, statement -> {
                statement.setInt(1, result.number());
                statement.setObject(2, turn.conversationId());
                return statement.executeUpdate();
            });
        }
        return inserted == 1;
    }

    /** The stored answer of a turn of this conversation, to answer a repeated request identically. */
    @ReadOnly
    public Optional<TurnResult> findTurn(UUID conversationId, UUID turnId) {
        return jdbc.prepareStatement("SELECT result FROM conversation_turns WHERE id = ? AND conversation_id = ?",
                statement -> {
                    statement.setObject(1, turnId);
                    statement.setObject(2, conversationId);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next() ? Optional.of(json.read(rows.getString(1), TurnResult.class))
                                : Optional.<TurnResult>empty();
                    }
                });
    }

    /** A page of the transcript, oldest turn first. */
    @ReadOnly
    public Page<TranscriptTurn> transcript(UUID conversationId, Pageable pageable) {
        long total = jdbc.prepareStatement("SELECT count(*) FROM conversation_turns WHERE conversation_id = ?",
                statement -> {
                    statement.setObject(1, conversationId);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getLong(1);
                    }
                });
        List<TranscriptTurn> turns = jdbc.prepareStatement("""
                SELECT id, turn_no, transcript, intent, reply, spoken, understood_by, product_ids, checkout_id, created_at
                FROM conversation_turns WHERE conversation_id = ? ORDER BY turn_no LIMIT ? OFFSET ?
                """, statement -> {
            statement.setObject(1, conversationId);
            statement.setInt(2, pageable.getSize());
            statement.setLong(3, pageable.getOffset());
            List<TranscriptTurn> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Long[] productIds = (Long[]) rows.getArray("product_ids").getArray();
                    found.add(new TranscriptTurn(rows.getObject("id", UUID.class), rows.getInt("turn_no"),
                            rows.getString("transcript"), rows.getString("intent"), rows.getString("reply"),
                            rows.getBoolean("spoken"), rows.getString("understood_by"), List.of(productIds),
                            rows.getObject("checkout_id", UUID.class), instant(rows, "created_at")));
                }
            }
            return found;
        });
        return Page.of(turns, pageable, total);
    }

    /** Marks the conversation ended; the first end wins. */
    @Transactional
    public void close(UUID conversationId, int turns, String endReason) {
        jdbc.prepareStatement("""
                UPDATE conversations SET status = 'ENDED', ended_at = now(), end_reason = ?, turns = greatest(turns, ?)
                WHERE id = ? AND status = 'ACTIVE'
                """, statement -> {
            statement.setString(1, endReason);
            statement.setInt(2, turns);
            statement.setObject(3, conversationId);
            return statement.executeUpdate();
        });
    }

    private static ConversationRecord conversation(ResultSet rows) throws SQLException {
        return new ConversationRecord(rows.getObject("id", UUID.class), rows.getString("user_id"),
                rows.getString("workflow_id"), rows.getString("status"), rows.getInt("turns"),
                instant(rows, "started_at"), instant(rows, "last_turn_at"), instant(rows, "ended_at"),
                rows.getString("end_reason"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** One turn of a transcript. */
    @io.micronaut.serde.annotation.Serdeable
    public record TranscriptTurn(UUID turnId, int number, String transcript, String intent, String reply,
            boolean spoken, String understoodBy, List<Long> productIds, UUID checkoutId, Instant at) {
    }
}
