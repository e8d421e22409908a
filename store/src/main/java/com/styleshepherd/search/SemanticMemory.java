package com.styleshepherd.search;

import com.styleshepherd.store.memory.Memory;
import com.styleshepherd.store.memory.MemoryStore;
import com.styleshepherd.store.memory.MemoryVector;
import com.styleshepherd.store.memory.NewMemory;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.lucene.util.VectorUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the stylist remembers, found by meaning: "what do I wear to the office?" finds "works in a
 * bank, suits on weekdays" although they share no word. Each memory is embedded when it is stored
 * (same text model as the catalog); a search embeds the query and ranks the shopper's memories by
 * cosine similarity. Memories stored before embeddings existed, or by another model version, are
 * embedded by the first search that needs them.
 */
@Singleton
public class SemanticMemory {

    private static final Logger LOG = LoggerFactory.getLogger(SemanticMemory.class);
    /** How many memories one search (or one backfill round) embeds at once. */
    static final int EMBED_BATCH = 64;
    /** The most memories a search ranks: a shopper's newest. */
    static final int MAX_RANKED = 5_000;

    private final TextEncoder text;
    private final MemoryStore store;

    SemanticMemory(TextEncoder text, MemoryStore store) {
        this.text = text;
        this.store = store;
    }

    /** Stores the memories with their embeddings, all or none; returns them as stored. */
    public List<Memory> remember(String userId, List<NewMemory> memories) {
        float[][] vectors = text.embed(memories.stream().map(NewMemory::text).toList());
        return store.add(userId, memories, Arrays.asList(vectors), text.modelName());
    }

    /**
     * The shopper's memories closest in meaning to {@code query}, best first, at most {@code topK}, none
     * scoring below {@code minScore} (cosine similarity, -1 to 1).
     */
    public List<Memory> search(String userId, String query, int topK, double minScore) {
        embedMissing(userId);
        float[] q = text.embed(List.of(query))[0];
        List<Scored> ranked = new ArrayList<>();
        for (MemoryVector memory : store.vectors(userId, null, text.modelName(), MAX_RANKED)) {
            float score = VectorUtil.dotProduct(q, memory.vector());
            if (score >= minScore) {
                ranked.add(new Scored(memory, score));
            }
        }
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed());
        List<Scored> best = ranked.subList(0, Math.min(topK, ranked.size()));
        Map<UUID, Float> scores = best.stream()
                .collect(Collectors.toMap(scored -> scored.memory().id(), Scored::score));
        return store.find(userId, best.stream().map(scored -> scored.memory().id()).toList()).stream()
                .map(memory -> memory.scored(scores.get(memory.id())))
                .toList();
    }

    /** The shopper's newest preferences with their vectors (for recommendations). */
    public List<MemoryVector> preferences(String userId, int limit) {
        embedMissing(userId);
        return store.vectors(userId, "preference", text.modelName(), limit);
    }

    /** Embeds the shopper's memories that have no vector from the current model. */
    private void embedMissing(String userId) {
        int embedded = 0;
        List<MemoryVector> waiting;
        while (!(waiting = store.withoutVector(userId, text.modelName(), EMBED_BATCH)).isEmpty()) {
            float[][] vectors = text.embed(waiting.stream().map(MemoryVector::text).toList());
            List<MemoryVector> done = new ArrayList<>(waiting.size());
            for (int i = 0; i < waiting.size(); i++) {
                done.add(new MemoryVector(waiting.get(i).id(), waiting.get(i).text(), vectors[i]));
            }
            store.saveVectors(done, text.modelName());
            embedded += done.size();
        }
        if (embedded > 0) {
            LOG.info("Embedded {} memories with {} userId={}", embedded, text.modelName(), userId);
        }
    }

    private record Scored(MemoryVector memory, float score) {
    }
}
