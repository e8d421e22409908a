package com.styleshepherd.api.catalog;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.store.embedding.EmbeddingJobs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.UUID;

/** Catalog embedding jobs, for ops. */
@Controller("/api/ops/catalog/embeddings")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class OpsEmbeddingController {

    private final EmbeddingJobStarter starter;
    private final EmbeddingJobs jobs;

    OpsEmbeddingController(EmbeddingJobStarter starter, EmbeddingJobs jobs) {
        this.starter = starter;
        this.jobs = jobs;
    }

    /**
     * Embeds every product whose text or picture changed since its last embedding (or that has none for
     * the current models). Answers 202 with the job at once; while a job runs, a new request gets that
     * job ({@code Location} names it either way). A run with nothing to do completes with total 0.
     */
    @Post
    @Operation(operationId = "startEmbedding")
    @ApiResponse(responseCode = "202", description = "The job, started (or the one already running)",
            useReturnTypeSchema = true, headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "the job's URL", schema = @Schema(type = "string")))
    HttpResponse<EmbeddingJobResponse> start(Principal ops) {
        EmbeddingJobs.Created created = starter.start(ops.getName());
        EmbeddingJobResponse body = EmbeddingJobResponse.of(created.job(), Instant.now());
        return HttpResponse.<EmbeddingJobResponse>status(HttpStatus.ACCEPTED).body(body)
                .header("Location", URI.create("/api/ops/catalog/embeddings/" + body.jobId()).toString());
    }

    /** A job's progress: {@code state}, {@code processed} of {@code total}, {@code startedAt} and {@code etaSeconds}. */
    @Get("/{jobId}")
    @Operation(operationId = "getEmbeddingJob")
    @Problems.BadRequest
    @Problems.NotFound
    EmbeddingJobResponse get(@PathVariable UUID jobId) {
        return jobs.find(jobId)
                .map(job -> EmbeddingJobResponse.of(job, Instant.now()))
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No embedding job " + jobId));
    }

    /** Jobs, newest first. */
    @Get("{?page,pageSize}")
    @Operation(operationId = "listEmbeddingJobs")
    @Problems.BadRequest
    PageResponse<EmbeddingJobResponse> list(@Nullable @QueryValue @Min(1) @Max(10_000) Integer page,
            @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {
        Paging paging = Paging.of(page, pageSize);
        Instant now = Instant.now();
        return PageResponse.of(jobs.list(paging.pageable()), job -> EmbeddingJobResponse.of(job, now), paging);
    }
}
