package com.styleshepherd.store.embedding;

import com.styleshepherd.store.VectorColumns;
import com.styleshepherd.store.catalog.Product;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
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

    private final ProductEmbeddingRepository repository;
    private final EmbeddingJobRepository jobs;
    private final JdbcOperations jdbc;

    EmbeddingStore(ProductEmbeddingRepository repository, EmbeddingJobRepository jobs, JdbcOperations jdbc) {
        this.repository = repository;
        this.jobs = jobs;
        this.jdbc = jdbc;
    }

    /** How many products wait for this model; {@code pictures} counts only products with a picture. */
    @ReadOnly
    public int countWaiting(String modelId, String modelVersion, boolean pictures) {
        return Math.toIntExact(repository.countWaiting(modelId, modelVersion, !pictures));
    }

    /** The next products waiting for this model after {@code afterProductId}, in id order. */
    @ReadOnly
    public List<EmbeddingSource> nextWaiting(String modelId, String modelVersion, boolean pictures,
            long afterProductId, int limit) {
        return repository.nextWaiting(modelId, modelVersion, !pictures, afterProductId, limit).stream()
                .map(EmbeddingStore::source)
                .toList();
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
        int count = sources.size();
        Long[] productIds = new Long[count];
        Integer[] contentVersions = new Integer[count];
        Integer[] starts = new Integer[count];
        Integer[] dimensions = new Integer[count];
        int values = 0;
        for (int i = 0; i < count; i++) {
            productIds[i] = sources.get(i).productId();
            contentVersions[i] = sources.get(i).contentVersion();
            starts[i] = values;
            dimensions[i] = vectors.get(i).length;
            values += vectors.get(i).length;
        }
        float[] all = new float[values];
        for (int i = 0; i < count; i++) {
            System.arraycopy(vectors.get(i), 0, all, starts[i], dimensions[i]);
        }
        repository.upsert(modelId, modelVersion, productIds, contentVersions, starts, dimensions, all);
        jobs.addProgress(UUID.fromString(jobId), count, skipped);
    }

    /**
     * What {@link #saveBatch} has saved of this model for the job so far (whichever worker saved it):
     * where a worker that takes the job over resumes, however far behind its predecessor's last heartbeat
     * reached Temporal.
     */
    @ReadOnly
    public Saved saved(String jobId, String modelId, String modelVersion) {
        return repository.saved(UUID.fromString(jobId), modelId, modelVersion);
    }

    /**
     * Streams this model's vectors written after {@code afterRevision}, in revision order, to
     * {@code sink}; returns how many there were. A search index calls it with the last revision it
     * holds to catch up.
     */
    @ReadOnly
    public int vectorsSince(String modelId, String modelVersion, long afterRevision, Consumer<StoredVector> sink) {
        // Plain JDBC: a search index loads every vector of the catalog through here when it starts, streamed
        // 2,000 rows at a time. A Micronaut Data 4 repository cannot set a fetch size (@Fetch comes in 5.0),
        // so PostgreSQL's driver would hold every row in memory at once.
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

    private static EmbeddingSource source(Product product) {
        String text = ProductText.of(product.name(), product.category(), product.color(), product.brand(),
                product.attributes(), product.description());
        return new EmbeddingSource(product.id(), product.contentVersion(), text, product.imageRef(),
                product.imageKey());
    }

    /** A vector as stored, with the revision it was written at. */
    public record StoredVector(long productId, long revision, float[] vector) {
    }

    /**
     * What a job has saved of one model: the vectors written, and the last product they cover (0: none).
     */
    @Introspected
    public record Saved(long lastProductId, int embedded) {
    }
}
