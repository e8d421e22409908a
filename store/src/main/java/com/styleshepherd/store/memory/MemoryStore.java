package com.styleshepherd.store.memory;

import com.styleshepherd.store.shopper.Shoppers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

    private final MemoryRepository repository;
    private final MemoryEmbeddingRepository embeddings;
    private final Shoppers shoppers;

    MemoryStore(MemoryRepository repository, MemoryEmbeddingRepository embeddings, Shoppers shoppers) {
        this.repository = repository;
        this.embeddings = embeddings;
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
        List<StoredMemory> rows = new ArrayList<>(memories.size());
        for (int i = 0; i < memories.size(); i++) {
            NewMemory memory = memories.get(i);
            rows.add(new StoredMemory(UUID.randomUUID(), userId, memory.type(), memory.text(), memory.metadata(),
                    vectors.get(i), embeddingModel, null));
        }
        repository.insertAll(rows);
        return find(userId, rows.stream().map(StoredMemory::id).toList());
    }

    /** The shopper's memories with these ids, in the order of the ids (ids of no memory of theirs left out). */
    @ReadOnly
    public List<Memory> find(String userId, List<UUID> ids) {
        Map<UUID, Memory> stored = new HashMap<>();
        for (Memory memory : repository.find(userId, ids.toArray(UUID[]::new))) {
            stored.put(memory.id(), memory);
        }
        return ids.stream().map(stored::get).filter(Objects::nonNull).toList();
    }

    /**
     * The vectors {@code embeddingModel} made of the shopper's memories, newest first, at most
     * {@code limit}; only memories of {@code type} when it is given.
     */
    @ReadOnly
    public List<MemoryVector> vectors(String userId, @Nullable String type, String embeddingModel, int limit) {
        return repository.vectors(userId, type, embeddingModel, limit);
    }

    /**
     * Up to {@code limit} of the shopper's memories that have no vector from {@code embeddingModel}
     * (stored before memories were embedded, or by another model): id and text, oldest first.
     */
    @ReadOnly
    public List<MemoryVector> withoutVector(String userId, String embeddingModel, int limit) {
        return repository.withoutVector(userId, embeddingModel, limit);
    }

    /** Stores the vectors {@code embeddingModel} made of these memories' texts. */
    @Transactional
    public void saveVectors(List<MemoryVector> vectors, String embeddingModel) {
        embeddings.updateAll(vectors.stream()
                .map(memory -> new MemoryEmbedding(memory.id(), memory.vector(), embeddingModel))
                .toList());
    }

    /** The shopper's memories, newest first; only one type when {@code type} is given. */
    @ReadOnly
    public Page<Memory> list(String userId, @Nullable String type, Pageable pageable) {
        return repository.list(userId, type, pageable);
    }

    /** Every memory of the shopper, oldest first (for export). */
    @ReadOnly
    public List<Memory> all(String userId) {
        return repository.all(userId);
    }

    @ReadOnly
    public MemoryStats stats(String userId) {
        Map<String, Long> byType = new LinkedHashMap<>();
        long total = 0;
        Instant oldest = null;
        Instant newest = null;
        for (MemoryRepository.TypeStats type : repository.stats(userId)) {
            byType.put(type.type(), type.memories());
            total += type.memories();
            oldest = oldest == null || type.oldest().isBefore(oldest) ? type.oldest() : oldest;
            newest = newest == null || type.newest().isAfter(newest) ? type.newest() : newest;
        }
        return new MemoryStats(total, byType, oldest, newest);
    }

    /** Deletes one of the shopper's memories; false when they have no such memory. */
    @Transactional
    public boolean delete(String userId, UUID id) {
        return repository.deleteByIdAndUserId(id, userId) == 1;
    }

    /** Deletes all of the shopper's memories; how many there were. */
    @Transactional
    public int clear(String userId) {
        return repository.deleteByUserId(userId);
    }
}
