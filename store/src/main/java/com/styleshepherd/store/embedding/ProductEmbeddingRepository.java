package com.styleshepherd.store.embedding;

import com.styleshepherd.store.catalog.Product;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/**
 * The SQL behind {@link EmbeddingStore}: the products waiting for a model (read as the catalog's
 * {@link Product} rows), and writing their vectors to {@code product_embeddings}.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProductEmbeddingRepository extends GenericRepository<Product, Long> {

    /**
     * Products {@code p} waiting for the model: no vector of it, one of another version, or one made from
     * older content; with {@code :withoutPictures} false, only products with a picture.
     */
    String WAITING = """
            FROM products p
            LEFT JOIN product_embeddings e ON e.product_id = p.id AND e.model_id = :modelId
            WHERE (e.product_id IS NULL OR e.model_version <> :modelVersion OR e.content_version < p.content_version)
              AND (:withoutPictures OR p.image_key IS NOT NULL OR p.image_ref IS NOT NULL)
            """;

    @Query("SELECT count(*) " + WAITING)
    long countWaiting(String modelId, String modelVersion, boolean withoutPictures);

    @Query("SELECT p.* " + WAITING + """
              AND p.id > :afterProductId
            ORDER BY p.id LIMIT :limit
            """)
    List<Product> nextWaiting(String modelId, String modelVersion, boolean withoutPictures, long afterProductId,
            int limit);

    /**
     * Writes one vector per product in one statement: product {@code i}'s vector is
     * {@code dimensions[i]} values of {@code vectors} from {@code starts[i]} (0-based) on.
     */
    @Query("""
            INSERT INTO product_embeddings (product_id, model_id, model_version, content_version, dimensions, vector)
            SELECT batch.product_id, :modelId, :modelVersion, batch.content_version, batch.dimensions,
                   (CAST(:vectors AS real[]))[batch.start + 1 : batch.start + batch.dimensions]
            FROM unnest(:productIds, :contentVersions, :starts, :dimensions)
                AS batch (product_id, content_version, start, dimensions)
            ON CONFLICT (product_id, model_id) DO UPDATE SET
                model_version = EXCLUDED.model_version, content_version = EXCLUDED.content_version,
                dimensions = EXCLUDED.dimensions, vector = EXCLUDED.vector, embedded_at = now(),
                revision = nextval('product_embeddings_revision_seq')
            """)
    int upsert(String modelId, String modelVersion, Long[] productIds, Integer[] contentVersions, Integer[] starts,
            Integer[] dimensions, float[] vectors);

    /**
     * What the job has written of this model so far: vectors written since it started (one job runs at a
     * time, and only jobs write vectors), and the last product among them (products go in id order).
     */
    @Query("""
            SELECT coalesce(max(e.product_id), 0) AS last_product_id, count(*) AS embedded
            FROM embedding_jobs j
            JOIN product_embeddings e ON e.embedded_at >= j.started_at
            WHERE j.id = :jobId AND e.model_id = :modelId AND e.model_version = :modelVersion
            """)
    EmbeddingStore.Saved saved(UUID jobId, String modelId, String modelVersion);
}
