package com.styleshepherd.store.embedding;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.store.VectorColumns;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Product vectors in {@code product_embeddings}: which products wait for a model, writing a batch of
 * vectors, and reading them back in revision order for a search index.
 *
 * <p>A product waits for a model when it has no vector of that model, a vector of another version of
 * it, or one made from older content ({@code products.content_version} is bumped by every change of
 * what a shopper reads). Pictures only wait when the product has one.
 */
@Singleton
public class EmbeddingStore {

    private static final Argument<Map<String, Object>> ATTRIBUTES = Argument.mapOf(String.class, Object.class);

    private static final String WAITING = """
            FROM products p
            LEFT JOIN product_embeddings e ON e.product_id = p.id AND e.model_id = ?
            WHERE (e.product_id IS NULL OR e.model_version <> ? OR e.content_version < p.content_version)
              AND (? OR p.image_ref IS NOT NULL)
            """;

    private static final String UPSERT = """
            INSERT INTO product_embeddings (product_id, model_id, model_version, content_version, dimensions, vector)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (product_id, model_id) DO UPDATE SET
                model_version = EXCLUDED.model_version, content_version = EXCLUDED.content_version,
                dimensions = EXCLUDED.dimensions, vector = EXCLUDED.vector, embedded_at = now(),
                revision = nextval('product_embeddings_revision_seq')
            """;

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    EmbeddingStore(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** How many products wait for this model; {@code pictures} counts only products with a picture. */
    @ReadOnly
    public int countWaiting(String modelId, String modelVersion, boolean pictures) {
        return jdbc.prepareStatement("SELECT count(*) " + WAITING, statement -> {
            bindWaiting(statement, modelId, modelVersion, pictures);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    /** The next products waiting for this model after {@code afterProductId}, in id order. */
    @ReadOnly
    public List<EmbeddingSource> nextWaiting(String modelId, String modelVersion, boolean pictures,
            long afterProductId, int limit) {
        String sql = "SELECT p.id, p.content_version, p.name, p.category, p.color, p.brand, p.attributes::text AS attributes, "
                + "p.description, p.image_ref " + WAITING + " AND p.id > ? ORDER BY p.id LIMIT ?";
        return jdbc.prepareStatement(sql, statement -> {
            bindWaiting(statement, modelId, modelVersion, pictures);
            statement.setLong(4, afterProductId);
            statement.setInt(5, limit);
            List<EmbeddingSource> sources = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    Map<String, Object> attributes = json.read(row.getString("attributes"), ATTRIBUTES);
                    String text = ProductText.of(row.getString("name"), row.getString("category"),
                            row.getString("color"), row.getString("brand"), attributes, row.getString("description"));
                    sources.add(new EmbeddingSource(row.getLong("id"), row.getInt("content_version"), text,
                            row.getString("image_ref")));
                }
            }
            return sources;
        });
    }

    /**
     * Writes a batch's vectors and adds the batch to its job's progress, in one transaction: after a
     * crash either both are there or neither.
     */
    @Transactional
    public void saveBatch(String jobId, String modelId, String modelVersion, List<EmbeddingSource> sources,
            List<float[]> vectors, int skipped) {
        if (sources.size() != vectors.size()) {
            throw new IllegalArgumentException(sources.size() + " products but " + vectors.size() + " vectors");
        }
        jdbc.prepareStatement(UPSERT, statement -> {
            for (int i = 0; i < sources.size(); i++) {
                float[] vector = vectors.get(i);
                Array array = VectorColumns.write(statement.getConnection(), vector);
                statement.setLong(1, sources.get(i).productId());
                statement.setString(2, modelId);
                statement.setString(3, modelVersion);
                statement.setInt(4, sources.get(i).contentVersion());
                statement.setInt(5, vector.length);
                statement.setArray(6, array);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        jdbc.prepareStatement("""
                UPDATE embedding_jobs SET processed = processed + ?, skipped = skipped + ?, updated_at = now()
                WHERE id = CAST(? AS uuid)
                """, statement -> {
            statement.setInt(1, sources.size());
            statement.setInt(2, skipped);
            statement.setString(3, jobId);
            return statement.executeUpdate();
        });
    }

    /**
     * Streams this model's vectors written after {@code afterRevision}, in revision order, to
     * {@code sink}; returns how many there were. A search index calls it with the last revision it
     * holds to catch up.
     */
    @ReadOnly
    public int vectorsSince(String modelId, String modelVersion, long afterRevision, Consumer<StoredVector> sink) {
        return jdbc.prepareStatement("""
                SELECT product_id, revision, vector FROM product_embeddings
                WHERE model_id = ? AND model_version = ? AND revision > ?
                ORDER BY revision
                """, statement -> {
            statement.setString(1, modelId);
            statement.setString(2, modelVersion);
            statement.setLong(3, afterRevision);
            statement.setFetchSize(2_000);
            int count = 0;
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    sink.accept(new StoredVector(row.getLong(1), row.getLong(2), VectorColumns.read(row.getArray(3))));
                    count++;
                }
            }
            return count;
        });
    }

    private static void bindWaiting(PreparedStatement statement, String modelId, String modelVersion,
            boolean pictures) throws SQLException {
        statement.setString(1, modelId);
        statement.setString(2, modelVersion);
        statement.setBoolean(3, !pictures);
    }

    /** A vector as stored, with the revision it was written at. */
    public record StoredVector(long productId, long revision, float[] vector) {
    }
}
