package com.styleshepherd.store.memory;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.store.shopper.Shoppers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shoppers' memories (table {@code memories}). Search ranks by PostgreSQL full-text relevance
 * ({@code websearch_to_tsquery} over the text) until memories carry embeddings.
 */
@Singleton
public class MemoryStore {

    private static final Argument<Map<String, Object>> METADATA = Argument.mapOf(String.class, Object.class);
    private static final String COLUMNS = "SELECT id, type, text, metadata::text AS metadata, created_at";

    private final JdbcOperations jdbc;
    private final JsonColumns json;
    private final Shoppers shoppers;

    MemoryStore(JdbcOperations jdbc, JsonColumns json, Shoppers shoppers) {
        this.jdbc = jdbc;
        this.json = json;
        this.shoppers = shoppers;
    }

    /** Stores the memories, all or none, in the order given; returns them as stored. */
    @Transactional
    public List<Memory> add(String userId, List<NewMemory> memories) {
        shoppers.ensure(userId);
        List<UUID> ids = new ArrayList<>();
        jdbc.prepareStatement("""
                INSERT INTO memories (id, user_id, type, text, metadata, created_at)
                VALUES (?, ?, ?, ?, CAST(? AS jsonb), clock_timestamp())
                """, statement -> {
            for (NewMemory memory : memories) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                statement.setObject(1, id);
                statement.setString(2, userId);
                statement.setString(3, memory.type());
                statement.setString(4, memory.text());
                statement.setString(5, json.write(memory.metadata()));
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        Map<UUID, Memory> stored = new LinkedHashMap<>();
        jdbc.prepareStatement(COLUMNS + " FROM memories WHERE id = ANY (?)", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", ids.toArray()));
            for (Memory memory : read(statement.executeQuery(), false)) {
                stored.put(memory.id(), memory);
            }
            return null;
        });
        return ids.stream().map(stored::get).toList();
    }

    /** The shopper's memories, newest first; only one type when {@code type} is given. */
    @ReadOnly
    public Page<Memory> list(String userId, @Nullable String type, Pageable pageable) {
        long total = jdbc.prepareStatement(
                "SELECT count(*) FROM memories WHERE user_id = ? AND (CAST(? AS varchar) IS NULL OR type = ?)",
                statement -> {
                    statement.setString(1, userId);
                    statement.setString(2, type);
                    statement.setString(3, type);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getLong(1);
                    }
                });
        List<Memory> page = jdbc.prepareStatement(COLUMNS + """
                 FROM memories WHERE user_id = ? AND (CAST(? AS varchar) IS NULL OR type = ?)
                ORDER BY created_at DESC, id LIMIT ? OFFSET ?
                """, statement -> {
            statement.setString(1, userId);
            statement.setString(2, type);
            statement.setString(3, type);
            statement.setInt(4, pageable.getSize());
            statement.setLong(5, pageable.getOffset());
            return read(statement.executeQuery(), false);
        });
        return Page.of(page, pageable, total);
    }

    /**
     * The {@code topK} memories most relevant to {@code query}, best first (full-text rank; words that
     * match no memory give no result).
     */
    @ReadOnly
    public List<Memory> search(String userId, String query, int topK) {
        return jdbc.prepareStatement(COLUMNS + """
                , ts_rank_cd(search_document, q) AS score
                FROM memories, websearch_to_tsquery('english', ?) q
                WHERE user_id = ? AND search_document @@ q
                ORDER BY score DESC, created_at DESC LIMIT ?
                """, statement -> {
            statement.setString(1, query);
            statement.setString(2, userId);
            statement.setInt(3, topK);
            return read(statement.executeQuery(), true);
        });
    }

    /** Every memory of the shopper, oldest first (for export). */
    @ReadOnly
    public List<Memory> all(String userId) {
        return jdbc.prepareStatement(COLUMNS + " FROM memories WHERE user_id = ? ORDER BY created_at, id",
                statement -> {
                    statement.setString(1, userId);
                    return read(statement.executeQuery(), false);
                });
    }

    @ReadOnly
    public MemoryStats stats(String userId) {
        Map<String, Long> byType = new LinkedHashMap<>();
        Timestamp[] range = new Timestamp[2];
        long total = jdbc.prepareStatement("""
                SELECT type, count(*) AS n, min(created_at) AS oldest, max(created_at) AS newest
                FROM memories WHERE user_id = ? GROUP BY type ORDER BY type
                """, statement -> {
            statement.setString(1, userId);
            long sum = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byType.put(rows.getString("type"), rows.getLong("n"));
                    sum += rows.getLong("n");
                    Timestamp oldest = rows.getTimestamp("oldest");
                    Timestamp newest = rows.getTimestamp("newest");
                    range[0] = range[0] == null || oldest.before(range[0]) ? oldest : range[0];
                    range[1] = range[1] == null || newest.after(range[1]) ? newest : range[1];
                }
            }
            return sum;
        });
        return new MemoryStats(total, byType, range[0] == null ? null : range[0].toInstant(),
                range[1] == null ? null : range[1].toInstant());
    }

    /** Deletes one of the shopper's memories; false when they have no such memory. */
    @Transactional
    public boolean delete(String userId, UUID id) {
        return jdbc.prepareStatement("DELETE FROM memories WHERE id = ? AND user_id = ?", statement -> {
            statement.setObject(1, id);
            statement.setString(2, userId);
            return statement.executeUpdate() == 1;
        });
    }

    /** Deletes all of the shopper's memories; how many there were. */
    @Transactional
    public int clear(String userId) {
        return jdbc.prepareStatement("DELETE FROM memories WHERE user_id = ?", statement -> {
            statement.setString(1, userId);
            return statement.executeUpdate();
        });
    }

    private List<Memory> read(ResultSet rows, boolean scored) throws SQLException {
        try (rows) {
            List<Memory> memories = new ArrayList<>();
            while (rows.next()) {
                memories.add(new Memory(rows.getObject("id", UUID.class), rows.getString("type"), rows.getString("text"),
                        json.read(rows.getString("metadata"), METADATA), rows.getTimestamp("created_at").toInstant(),
                        scored ? rows.getDouble("score") : null));
            }
            return memories;
        }
    }
}
