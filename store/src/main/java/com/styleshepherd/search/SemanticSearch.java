package com.styleshepherd.search;

import com.styleshepherd.store.catalog.CatalogProduct;
import com.styleshepherd.store.catalog.CatalogQuery;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.embedding.EmbeddingStore;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vector search over the catalog with the catalog's own filters, applied exactly: the filters select
 * the allowed products in PostgreSQL (the same SQL as {@code GET /api/products}), and the index scores
 * exactly those, so top-k is never cut down after the fact.
 *
 * <p>One {@link ExactVectorIndex} per model, loaded on first use and kept current: a search catches the
 * index up with the vectors written since (at most every {@code styleshepherd.search.index-refresh},
 * default 1 s; one search at a time does it while the others use what is there).
 */
@Singleton
public class SemanticSearch {

    private static final Logger LOG = LoggerFactory.getLogger(SemanticSearch.class);

    private final EmbeddingStore store;
    private final ProductCatalog catalog;
    private final long refreshNanos;
    private final Map<String, Holder> indexes = new ConcurrentHashMap<>();

    SemanticSearch(EmbeddingStore store, ProductCatalog catalog,
            @Value("${styleshepherd.search.index-refresh:1s}") Duration refresh) {
        this.store = store;
        this.catalog = catalog;
        this.refreshNanos = refresh.toNanos();
    }

    /** The products most similar to {@code query} among those matching {@code filters}, best first. */
    public List<ScoredProduct> search(String modelId, String modelVersion, float[] query, CatalogQuery filters, int topK) {
        List<ExactVectorIndex.Hit> hits = nearest(modelId, modelVersion, query, filters, topK);
        return withProducts(hits);
    }

    /** Like {@link #search} but only the ids and scores: for callers that re-rank before loading products. */
    public List<ExactVectorIndex.Hit> nearest(String modelId, String modelVersion, float[] query, CatalogQuery filters,
            int k) {
        ExactVectorIndex index = index(modelId, modelVersion);
        BitSet allowed = catalog.matchingIds(filters);
        return index.search(query, k, allowed);
    }

    /** The products of these hits, in order, each with its score. */
    public List<ScoredProduct> withProducts(List<ExactVectorIndex.Hit> hits) {
        Map<Long, Float> scores = new HashMap<>();
        hits.forEach(hit -> scores.put(hit.productId(), hit.score()));
        return catalog.findAll(hits.stream().map(ExactVectorIndex.Hit::productId).toList()).stream()
                .map(product -> new ScoredProduct(product, scores.get(product.product().id())))
                .toList();
    }

    /** The index of this model, caught up with PostgreSQL when the last catch-up is older than the refresh. */
    public ExactVectorIndex index(String modelId, String modelVersion) {
        Holder holder = indexes.computeIfAbsent(modelId + "/" + modelVersion,
                key -> new Holder(new ExactVectorIndex(modelId, modelVersion)));
        holder.catchUpIfDue();
        return holder.index;
    }

    /** A product with its similarity to the query. */
    public record ScoredProduct(CatalogProduct product, float score) {
    }

    private final class Holder {
        final ExactVectorIndex index;
        final ReentrantLock catchingUp = new ReentrantLock();
        volatile long lastCatchUp;
        volatile boolean loaded;

        Holder(ExactVectorIndex index) {
            this.index = index;
        }

        void catchUpIfDue() {
            if (loaded && System.nanoTime() - lastCatchUp < refreshNanos) {
                return;
            }
            // The first load is waited for; later catch-ups are done by one search while others go on.
            if (!loaded) {
                catchingUp.lock();
            } else if (!catchingUp.tryLock()) {
                return;
            }
            try {
                if (!loaded || System.nanoTime() - lastCatchUp >= refreshNanos) {
                    long start = System.nanoTime();
                    int fresh = index.catchUp(store);
                    lastCatchUp = System.nanoTime();
                    if (!loaded) {
                        LOG.info("Search index {}/{} loaded: {} vectors in {} ms", index.modelId(),
                                index.modelVersion(), index.size(), (lastCatchUp - start) / 1_000_000);
                    } else if (fresh > 0) {
                        LOG.debug("Search index {}/{} caught up {} vectors", index.modelId(), index.modelVersion(), fresh);
                    }
                    loaded = true;
                }
            } finally {
                catchingUp.unlock();
            }
        }
    }
}
