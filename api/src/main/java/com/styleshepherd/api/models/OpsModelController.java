package com.styleshepherd.api.models;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.store.models.ModelStore;
import com.styleshepherd.store.models.StoredModel;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.models.ModelKind;
import com.styleshepherd.workflows.models.ModelTrainingWorkflow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learned models' versions, metrics and promotions, and on-demand retraining, for ops: list, promote a
 * version (refused when it measured worse, unless forced), roll back to the version before (docs/operations.md).
 */
@Controller("/api/ops/models")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class OpsModelController {

    private static final Logger LOG = LoggerFactory.getLogger(OpsModelController.class);

    private final ModelStore store;
    private final WorkflowClient client;

    OpsModelController(ModelStore store, WorkflowClient client) {
        this.store = store;
        this.client = client;
    }

    /**
     * Versions of one kind of model, newest first: held-out metrics, the promotion decision and whether it
     * is the promoted one.
     *
     * @param kind size, fit or return-risk
     */
    @Get("{?kind,page,pageSize}")
    @Operation(operationId = "listModels")
    @Problems.BadRequest
    PageResponse<StoredModel> list(
            @Parameter(schema = @Schema(allowableValues = {"size", "fit", "return-risk"}))
            @NotNull @QueryValue @Pattern(regexp = "^(size|fit|return-risk)$", message = "must be size, fit or return-risk") String kind,
            @Nullable @QueryValue @Min(1) @Max(10_000) Integer page,
            @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {
        Paging paging = Paging.of(page, pageSize);
        List<StoredModel> items = store.list(kind, (paging.page() - 1) * paging.pageSize(), paging.pageSize());
        return new PageResponse<>(items, paging.page(), paging.pageSize(), store.count(kind));
    }

    /**
     * Promotes one version of a kind of model; the gpu workers load it within 30 s. Refused (409, with the reason)
     * when its held-out metric is worse than the promoted version's, or measures another metric, unless
     * {@code force=true}. Promoting the promoted version again changes nothing.
     *
     * @param kind size, fit or return-risk
     * @param version the version to promote
     * @param force promote even a version that measured worse than the promoted one
     */
    @Post("/{kind}/versions/{version}/promote{?force}")
    @Operation(operationId = "promoteModel")
    @ApiResponse(responseCode = "200", description = "The version is promoted", useReturnTypeSchema = true)
    @Problems.BadRequest
    @Problems.NotFound
    @Problems.Conflict
    ModelPromotion promote(Principal ops,
            @Parameter(schema = @Schema(allowableValues = {"size", "fit", "return-risk"}))
            @PathVariable @Pattern(regexp = "^(size|fit|return-risk)$", message = "must be size, fit or return-risk") String kind,
            @PathVariable @Min(1) int version,
            @Nullable @QueryValue @Pattern(regexp = "^(true|false)$", message = "must be true or false") String force) {
        boolean forced = "true".equals(force);
        ModelKind modelKind = ModelKind.of(kind);
        ModelStore.Change change = store.promoteChecked(kind, version, modelKind.higherIsBetter(),
                forced);
        ModelPromotion done = answer(kind, change);
        LOG.info("Model promoted kind={} version={} replaced={} force={} by={}", kind, version, done.replaced(),
                forced, ops.getName());
        return done;
    }

    /**
     * Rolls a kind of model back to the version the promoted one replaced, and retires the promoted one; a second
     * rollback goes one step further back. 409 when nothing is promoted or it replaced no version.
     *
     * @param kind size, fit or return-risk
     */
    @Post("/{kind}/rollback")
    @Operation(operationId = "rollBackModel")
    @ApiResponse(responseCode = "200", description = "The earlier version is promoted again", useReturnTypeSchema = true)
    @Problems.BadRequest
    @Problems.Conflict
    ModelPromotion rollback(Principal ops,
            @Parameter(schema = @Schema(allowableValues = {"size", "fit", "return-risk"}))
            @PathVariable @Pattern(regexp = "^(size|fit|return-risk)$", message = "must be size, fit or return-risk") String kind) {
        ModelPromotion done = answer(kind, store.rollback(kind));
        LOG.info("Model rolled back kind={} to version={} from={} by={}", kind, done.promoted().version(), done.replaced(),
                ops.getName());
        return done;
    }

    private static ModelPromotion answer(String kind, ModelStore.Change change) {
        return switch (change) {
            case ModelStore.Change.Promoted promoted -> new ModelPromotion(kind, promoted.model(),
                    promoted.previous() == null || promoted.previous() == promoted.model().version() ? null
                            : promoted.previous(), ModelPromotion.NOTE);
            case ModelStore.Change.Refused refused -> throw new HttpStatusException(HttpStatus.CONFLICT, refused.reason());
            case ModelStore.Change.NotFound missing -> throw new HttpStatusException(HttpStatus.NOT_FOUND, missing.reason());
        };
    }

    /**
     * Retrains now: a {@link ModelTrainingWorkflow} on task queue {@code gpu}, beside the nightly cron run.
     * Answers 202 at once; each candidate is promoted only if it beats the promoted version on held-out
     * data ({@code GET /api/ops/models?kind=} shows the decision).
     */
    @Post("/training")
    @Operation(operationId = "trainModels")
    @ApiResponse(responseCode = "202", description = "The training run, started", useReturnTypeSchema = true,
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "the list of the first kind's versions", schema = @Schema(type = "string")))
    @Problems.Body
    HttpResponse<TrainingStarted> train(Principal ops, @Body @Valid TrainingCommand command) {
        List<ModelKind> kinds = command.kinds() == null ? List.of()
                : command.kinds().stream().distinct().map(ModelKind::of).toList();
        String workflowId = ModelTrainingWorkflow.onDemandWorkflowId(UUID.randomUUID().toString());
        ModelTrainingWorkflow workflow = client.newWorkflowStub(ModelTrainingWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.GPU)
                .build());
        WorkflowClient.start(workflow::train, kinds);
        LOG.info("Model training started workflowId={} kinds={} by={}", workflowId, kinds, ops.getName());
        List<String> named = (kinds.isEmpty() ? List.of(ModelKind.values()) : kinds).stream().map(ModelKind::id).toList();
        return HttpResponse.<TrainingStarted>status(HttpStatus.ACCEPTED).body(new TrainingStarted(workflowId, named))
                .header("Location", "/api/ops/models?kind=" + named.getFirst());
    }
}
