package com.styleshepherd.api.me;

import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.search.SemanticMemory;
import com.styleshepherd.store.memory.MemoryStats;
import com.styleshepherd.store.memory.MemoryStore;
import com.styleshepherd.store.memory.NewMemory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's memories: what the stylist remembers about them (preferences, facts, feedback). Each is
 * embedded when stored; search ranks them by meaning ({@link SemanticMemory}). Preferences feed the
 * caller's recommendations, so any change drops their cached ones.
 */
@Controller("/api/me/memories")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class MemoryController {

    static final int MAX_BATCH = 100;
    /**
     * With all-MiniLM-L6-v2, a query and a memory on unrelated subjects score below this (0.0 to 0.1);
     * fashion texts score about 0.3 with one another even when they answer different questions, so the
     * ranking, not this floor, picks among them.
     */
    static final double DEFAULT_MIN_SCORE = 0.2;
    private static final Logger LOG = LoggerFactory.getLogger(MemoryController.class);

    private final MemoryStore memories;
    private final SemanticMemory semantic;
    private final TaggedCache cache;

    MemoryController(MemoryStore memories, SemanticMemory semantic, TaggedCache cache) {
        this.memories = memories;
        this.semantic = semantic;
        this.cache = cache;
    }

    @Post
    HttpResponse<MemoryResponse> add(Principal shopper, @Valid @NotNull @Body MemoryCommand memory) {
        MemoryResponse stored = MemoryResponse.of(semantic.remember(shopper.getName(), List.of(memory.toNew("metadata"))).get(0));
        cache.invalidateShopper(shopper.getName());
        LOG.info("Memory {} stored userId={} type={}", stored.memoryId(), shopper.getName(), stored.type());
        return HttpResponse.created(stored, URI.create("/api/me/memories/" + stored.memoryId()));
    }

    /** Stores up to {@value #MAX_BATCH} memories at once, all or none. */
    @Post("/batch")
    HttpResponse<MemoryList> addBatch(Principal shopper, @Valid @NotNull @Body MemoryBatch batch) {
        List<NewMemory> news = new ArrayList<>();
        for (int i = 0; i < batch.memories().size(); i++) {
            news.add(batch.memories().get(i).toNew("memories[" + i + "].metadata"));
        }
        List<MemoryResponse> stored = semantic.remember(shopper.getName(), news).stream().map(MemoryResponse::of).toList();
        cache.invalidateShopper(shopper.getName());
        LOG.info("{} memories stored userId={}", stored.size(), shopper.getName());
        return HttpResponse.status(HttpStatus.CREATED).body(new MemoryList(stored));
    }

    @Get
    PageResponse<MemoryResponse> list(Principal shopper,
            @Nullable @QueryValue @Pattern(regexp = MemoryCommand.TYPES, message = "must be one of " + MemoryCommand.TYPES)
            String type,
            @Nullable @QueryValue @Min(1) @Max(10_000) Integer page,
            @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {
        Paging paging = Paging.of(page, pageSize);
        return PageResponse.of(memories.list(shopper.getName(), type, paging.pageable()), MemoryResponse::of, paging);
    }

    /**
     * The memories closest in meaning to {@code q}, best first, each with its {@code score} (cosine
     * similarity, -1 to 1); none below {@code minScore} (default {@value #DEFAULT_MIN_SCORE}).
     */
    @Get("/search")
    MemoryList search(Principal shopper, @QueryValue @NotBlank @Size(max = 500) String q,
            @Nullable @QueryValue @Min(1) @Max(50) Integer topK,
            @Nullable @QueryValue @DecimalMin("-1") @DecimalMax("1") Double minScore) {
        return new MemoryList(semantic.search(shopper.getName(), q.strip(), topK == null ? 5 : topK,
                minScore == null ? DEFAULT_MIN_SCORE : minScore).stream().map(MemoryResponse::of).toList());
    }

    @Get("/stats")
    MemoryStats stats(Principal shopper) {
        return memories.stats(shopper.getName());
    }

    /** Everything the stylist remembers about the caller, as a JSON file. */
    @Get("/export")
    HttpResponse<MemoryExport> export(Principal shopper) {
        MemoryExport export = new MemoryExport(shopper.getName(), Instant.now(),
                memories.all(shopper.getName()).stream().map(MemoryResponse::of).toList());
        return HttpResponse.ok(export).header("Content-Disposition", "attachment; filename=\"memories.json\"");
    }

    @Delete("/{memoryId}")
    HttpResponse<Void> delete(Principal shopper, @PathVariable UUID memoryId) {
        if (!memories.delete(shopper.getName(), memoryId)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No memory " + memoryId);
        }
        cache.invalidateShopper(shopper.getName());
        return HttpResponse.noContent();
    }

    /** Forgets everything: answers how many memories there were. */
    @Delete
    Cleared clear(Principal shopper) {
        int deleted = memories.clear(shopper.getName());
        cache.invalidateShopper(shopper.getName());
        LOG.info("Memories cleared userId={} deleted={}", shopper.getName(), deleted);
        return new Cleared(deleted);
    }

    @Serdeable
    record MemoryBatch(@NotEmpty @Size(max = MAX_BATCH) List<@Valid @NotNull MemoryCommand> memories) {
    }

    @Serdeable
    record MemoryList(List<MemoryResponse> memories) {
    }

    @Serdeable
    record MemoryExport(String userId, Instant exportedAt, List<MemoryResponse> memories) {
    }

    @Serdeable
    record Cleared(int deleted) {
    }
}
