package com.styleshepherd.search;

import com.styleshepherd.store.embedding.EmbeddingStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.util.VectorUtil;

/**
 * The vectors of one model (id and version) in memory, searched exactly: every vector the filter
 * allows is scored (Lucene's {@link VectorUtil#dotProduct}, SIMD through the JDK's Vector API when
 * {@code --add-modules jdk.incubator.vector} is given) and the best k kept. Exact means a filter can
 * never leave fewer results than exist — unlike an approximate graph search, which must widen its
 * search as filters get selective. docs/performance.md has the benchmark against Lucene's HNSW that
 * chose this.
 *
 * <p>Consistency: {@link #catchUp} reads the vectors written since the last revision it holds
 * ({@code product_embeddings.revision} increases with every write), so a re-embedded product replaces
 * its old vector and a new one is added. Searches run under a read lock; applying a catch-up takes the
 * write lock briefly, after the rows were read.
 */
public final class ExactVectorIndex {

    private final String modelId;
    private final String modelVersion;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Integer> slots = new HashMap<>();
    private long[] ids = new long[1024];
    private float[][] vectors = new float[1024][];
    private int size;
    private long revision;

    public ExactVectorIndex(String modelId, String modelVersion) {
        this.modelId = modelId;
        this.modelVersion = modelVersion;
    }

    public String modelId() {
        return modelId;
    }

    public String modelVersion() {
        return modelVersion;
    }

    /** How many products have a vector here. */
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The highest revision applied. */
    public long revision() {
        lock.readLock().lock();
        try {
            return revision;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The product's vector, or null when it has none here. */
    public float[] vectorOf(long productId) {
        lock.readLock().lock();
        try {
            Integer slot = slots.get(productId);
            return slot == null ? null : vectors[slot];
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Applies the vectors written since the last catch-up; returns how many there were. */
    public int catchUp(EmbeddingStore store) {
        List<EmbeddingStore.StoredVector> fresh = new ArrayList<>();
        store.vectorsSince(modelId, modelVersion, revision(), fresh::add);
        if (!fresh.isEmpty()) {
            lock.writeLock().lock();
            try {
                for (EmbeddingStore.StoredVector stored : fresh) {
                    put(stored.productId(), stored.vector());
                    revision = Math.max(revision, stored.revision());
                }
            } finally {
                lock.writeLock().unlock();
            }
        }
        return fresh.size();
    }

    /** Adds or replaces a product's vector (catch-up and tests). */
    public void put(long productId, float[] vector) {
        lock.writeLock().lock();
        try {
            Integer slot = slots.get(productId);
            if (slot != null) {
                vectors[slot] = vector;
                return;
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                vectors = Arrays.copyOf(vectors, size * 2);
            }
            ids[size] = productId;
            vectors[size] = vector;
            slots.put(productId, size);
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The {@code k} products most similar to {@code query}, best first, among those {@code allowed}
     * contains (every product when it is null). Ties go to the lower product id.
     */
    public List<Hit> search(float[] query, int k, BitSet allowed) {
        if (k <= 0) {
            return List.of();
        }
        PriorityQueue<Hit> best = new PriorityQueue<>(k + 1, Hit.WORST_FIRST);
        lock.readLock().lock();
        try {
            for (int i = 0; i < size; i++) {
                long id = ids[i];
                if (allowed != null && (id > Integer.MAX_VALUE || !allowed.get((int) id))) {
                    continue;
                }
                float[] vector = vectors[i];
                if (vector.length != query.length) {
                    continue;
                }
                float score = VectorUtil.dotProduct(query, vector);
                if (best.size() < k) {
                    best.add(new Hit(id, score));
                } else if (Hit.WORST_FIRST.compare(new Hit(id, score), best.peek()) > 0) {
                    best.poll();
                    best.add(new Hit(id, score));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(Hit.WORST_FIRST.reversed());
        return hits;
    }

    /** A product and its similarity to the query (dot product of unit vectors: cosine, -1..1). */
    public record Hit(long productId, float score) {
        /** Orders worse hits first: lower score, then higher id. */
        static final java.util.Comparator<Hit> WORST_FIRST = java.util.Comparator.comparingDouble(Hit::score)
                .thenComparing(Hit::productId, java.util.Comparator.reverseOrder());
    }
}
