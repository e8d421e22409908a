package com.styleshepherd.api.me;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.input.TextQuery;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
@Problems.Shopper
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

    /** Stores a memory (embedded for semantic search at once): 201 with it and its {@code Location}. */
    @Post
    @Operation(operationId = "addMemory")
    @ApiResponse(responseCode = "201", description = "The memory, stored", useReturnTypeSchema = true,
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "the memory's URL",
                    schema = @Schema(type = "string")))
    @Problems.Body
    HttpResponse<MemoryResponse> add(Principal shopper, @Valid @NotNull @Body MemoryCommand memory) {
        MemoryResponse stored = MemoryResponse.of(semantic.remember(shopper.getName(), List.of(memory.toNew("metadata"))).get(0));
        cache.invalidateShopper(shopper.getName());
        LOG.info("Memory {} stored userId={} type={}", stored.memoryId(), shopper.getName(), stored.type());
        return HttpResponse.created(stored, URI.create("/api/me/memories/" + stored.memoryId()));
    }

    /** Stores up to 100 memories at once, all or none. */
    @Post("/batch")
    @Operation(operationId = "addMemories")
    @ApiResponse(responseCode = "201", description = "The memories, stored", useReturnTypeSchema = true)
    @Problems.Body
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

    /** The caller's memories, newest first, optionally of one {@code type}. */
    @Get
    @Operation(operationId = "listMemories")
    @Problems.BadRequest
    PageResponse<MemoryResponse> list(Principal shopper,
            @Parameter(schema = @Schema(allowableValues = {"preference", "fact", "feedback"}))
            @Nullable @QueryValue @Pattern(regexp = "^(" + MemoryCommand.TYPES + ")$", message = "must be one of " + MemoryCommand.TYPES)
            String type,
            @Nullable @QueryValue @Min(1) @Max(10_000) Integer page,
            @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {
        Paging paging = Paging.of(page, pageSize);
        return PageResponse.of(memories.list(shopper.getName(), type, paging.pageable()), MemoryResponse::of, paging);
    }

    /**
     * The memories closest in meaning to {@code q}, best first, each with its {@code score} (cosine
     * similarity, -1 to 1); none below {@code minScore} (default 0.2).
     */
    @Get("/search")
    @Operation(operationId = "searchMemories")
    @Problems.BadRequest
    MemoryList search(Principal shopper,
            @Parameter(description = "what to look for, in words (not only spaces)")
            @QueryValue @Size(max = 500) @Pattern(regexp = TextQuery.PATTERN, message = "must hold a word, not only spaces")
            String q,
            @Nullable @QueryValue @Min(1) @Max(50) Integer topK,
            @Nullable @QueryValue @DecimalMin("-1") @DecimalMax("1") Double minScore) {
        return new MemoryList(semantic.search(shopper.getName(), q.strip(), topK == null ? 5 : topK,
                minScore == null ? DEFAULT_MIN_SCORE : minScore).stream().map(MemoryResponse::of).toList());
    }

    /** How many memories the caller has, of each type, and the oldest and newest. */
    @Get("/stats")
    @Operation(operationId = "memoryStats")
    MemoryStats stats(Principal shopper) {
        return memories.stats(shopper.getName());
    }

    /** Everything the stylist remembers about the caller, as a JSON file. */
    @Get("/export")
    @Operation(operationId = "exportMemories")
    @ApiResponse(responseCode = "200", description = "The export, as an attachment (memories.json)",
            useReturnTypeSchema = true, headers = @io.swagger.v3.oas.annotations.headers.Header(
                    name = "Content-Disposition", schema = @Schema(type = "string")))
    HttpResponse<MemoryExport> export(Principal shopper) {
        MemoryExport export = new MemoryExport(shopper.getName(), Instant.now(),
                memories.all(shopper.getName()).stream().map(MemoryResponse::of).toList());
        return HttpResponse.ok(export).header("Content-Disposition", "attachment; filename=\"memories.json\"");
    }

    /** Forgets one memory. */
    // The id is hex digits and dashes (a UUID), so that /batch, /export, /search and /stats are never taken for
    // one: DELETE on those is a 405, not a bad id.
    @Delete("/{memoryId:[0-9a-fA-F-]+}")
    @Operation(operationId = "deleteMemory")
    @ApiResponse(responseCode = "204", description = "Forgotten")
    @Problems.BadRequest
    @Problems.NotFound
    HttpResponse<Void> delete(Principal shopper, @PathVariable UUID memoryId) {
        if (!memories.delete(shopper.getName(), memoryId)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No memory " + memoryId);
        }
        cache.invalidateShopper(shopper.getName());
        return HttpResponse.noContent();
    }

    /** Forgets everything: answers how many memories there were. */
    @Delete
    @Operation(operationId = "clearMemories")
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
