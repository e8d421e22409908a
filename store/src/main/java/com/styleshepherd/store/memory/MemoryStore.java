package com.styleshepherd.store.memory;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.store.VectorColumns;
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
import java.util.Objects;
import java.util.UUID;

/**
 * The shoppers' memories (table {@code memories}), each with the embedding of its text and the model
 * that made it ({@code embedding}, {@code embedding_model}). Ranking by meaning is done by
 * {@code com.styleshepherd.search.SemanticMemory}, which reads the vectors from here.
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

    /**
     * Stores the memories, all or none, in the order given, each with its text's vector (same order) made
     * by {@code embeddingModel}; returns them as stored.
     */
    @Transactional
    public List<Memory> add(String userId, List<NewMemory> memories, List<float[]> vectors, String embeddingModel) {
        if (memories.size() != vectors.size()) {
            throw new IllegalArgumentException(memories.size() + " memories but " + vectors.size() + " vectors");
        }
        shoppers.ensure(userId);
        List<UUID> ids = new ArrayList<>();
        jdbc.prepareStatement("""
                INSERT INTO memories (id, user_id, type, text, metadata, embedding, embedding_model, created_at)
                VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, clock_timestamp())
                """, statement -> {
            for (int i = 0; i < memories.size(); i++) {
                NewMemory memory = memories.get(i);
                UUID id = UUID.randomUUID();
                ids.add(id);
                statement.setObject(1, id);
                statement.setString(2, userId);
                statement.setString(3, memory.type());
                statement.setString(4, memory.text());
                statement.setString(5, json.write(memory.metadata()));
                statement.setArray(6, VectorColumns.write(statement.getConnection(), vectors.get(i)));
                statement.setString(7, embeddingModel);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        return find(userId, ids);
    }

    /** The shopper's memories with these ids, in the order of the ids (ids of no memory of theirs left out). */
    @ReadOnly
    public List<Memory> find(String userId, List<UUID> ids) {
        Map<UUID, Memory> stored = new LinkedHashMap<>();
        jdbc.prepareStatement(COLUMNS + " FROM memories WHERE user_id = ? AND id = ANY (?)", statement -> {
            statement.setString(1, userId);
            statement.setArray(2, statement.getConnection().createArrayOf("uuid", ids.toArray()));
            for (Memory memory : read(statement.executeQuery())) {
                stored.put(memory.id(), memory);
            }
            return null;
        });
        return ids.stream().map(stored::get).filter(Objects::nonNull).toList();
    }

    /**
     * The vectors {@code embeddingModel} made of the shopper's memories, newest first, at most
     * {@code limit}; only memories of {@code type} when it is given.
     */
    @ReadOnly
    public List<MemoryVector> vectors(String userId, @Nullable String type, String embeddingModel, int limit) {
        return jdbc.prepareStatement("""
                SELECT id, text, embedding FROM memories
                WHERE user_id = ? AND embedding_model = ? AND (CAST(? AS varchar) IS NULL OR type = ?)
                ORDER BY created_at DESC, id LIMIT ?
                """, statement -> {
            statement.setString(1, userId);
            statement.setString(2, embeddingModel);
            statement.setString(3, type);
            statement.setString(4, type);
            statement.setInt(5, limit);
            List<MemoryVector> vectors = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    vectors.add(new MemoryVector(rows.getObject(1, UUID.class), rows.getString(2),
                            VectorColumns.read(rows.getArray(3))));
                }
            }
            return vectors;
        });
    }

    /**
     * Up to {@code limit} of the shopper's memories that have no vector from {@code embeddingModel}
     * (stored before memories were embedded, or by another model): id and text, oldest first.
     */
    @ReadOnly
    public List<MemoryVector> withoutVector(String userId, String embeddingModel, int limit) {
        return jdbc.prepareStatement("""
                SELECT id, text FROM memories
                WHERE user_id = ? AND embedding_model IS DISTINCT FROM ?
                ORDER BY created_at, id LIMIT ?
                """, statement -> {
            statement.setString(1, userId);
            statement.setString(2, embeddingModel);
            statement.setInt(3, limit);
            List<MemoryVector> texts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    texts.add(new MemoryVector(rows.getObject(1, UUID.class), rows.getString(2), null));
                }
            }
            return texts;
        });
    }

    /** Stores the vectors {@code embeddingModel} made of these memories' texts. */
    @Transactional
    public void saveVectors(List<MemoryVector> vectors, String embeddingModel) {
        jdbc.prepareStatement("UPDATE memories SET embedding = ?, embedding_model = ? WHERE id = ?", statement -> {
            for (MemoryVector memory : vectors) {
                statement.setArray(1, VectorColumns.write(statement.getConnection(), memory.vector()));
                statement.setString(2, embeddingModel);
                statement.setObject(3, memory.id());
                statement.addBatch();
            }
            return statement.executeBatch();
        });
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
            return read(statement.executeQuery());
        });
        return Page.of(page, pageable, total);
    }

    /** Every memory of the shopper, oldest first (for export). */
    @ReadOnly
    public List<Memory> all(String userId) {
        return jdbc.prepareStatement(COLUMNS + " FROM memories WHERE user_id = ? ORDER BY created_at, id",
                statement -> {
                    statement.setString(1, userId);
                    return read(statement.executeQuery());
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

    private List<Memory> read(ResultSet rows) throws SQLException {
        try (rows) {
            List<Memory> memories = new ArrayList<>();
            while (rows.next()) {
                memories.add(new Memory(rows.getObject("id", UUID.class), rows.getString("type"), rows.getString("text"),
                        json.read(rows.getString("metadata"), METADATA), rows.getTimestamp("created_at").toInstant(),
                        null));
            }
            return memories;
        }
    }
}
