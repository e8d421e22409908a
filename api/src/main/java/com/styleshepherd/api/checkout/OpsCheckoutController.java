package com.styleshepherd.api.checkout;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.store.checkout.CheckoutRecord;
import com.styleshepherd.store.checkout.CheckoutStore;
import com.styleshepherd.workflows.checkout.CheckoutStatus;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkouts for ops: list them from Temporal's visibility store (failed, stuck, one shopper's), retry a
 * failed one, reset a running one, replay one's history against the running code.
 */
@Controller("/api/ops/checkouts")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class OpsCheckoutController {

    private static final Logger LOG = LoggerFactory.getLogger(OpsCheckoutController.class);

    private static final int DEFAULT_PAGE_SIZE = 20;

    private final CheckoutStore checkouts;
    private final CheckoutWorkflows workflows;
    private final CheckoutVisibility visibility;

    OpsCheckoutController(CheckoutStore checkouts, CheckoutWorkflows workflows, CheckoutVisibility visibility) {
        this.checkouts = checkouts;
        this.workflows = workflows;
        this.visibility = visibility;
    }

    /**
     * Checkouts as Temporal's visibility store shows them, newest first, filtered by the checkout's status, by
     * being stuck (still running after {@code stuckFor}) or by shopper; {@code nextPageToken} fetches the next
     * page. The answer names the visibility query, to paste into the Temporal UI's search.
     */
    @Get
    @Operation(operationId = "listCheckoutsForOps")
    @Problems.BadRequest
    CheckoutVisibility.Page list(@Valid @RequestBean ListRequest request) {
        Duration stuckFor = request.stuckFor() == null ? null : Duration.parse(request.stuckFor());
        if (stuckFor != null && stuckFor.compareTo(Duration.ofMinutes(1)) < 0) {
            throw FieldProblem.of("stuckFor", "must be at least a minute (PT1M)");
        }
        return visibility.list(new CheckoutVisibility.Filter(request.status(), stuckFor, request.shopperId()),
                request.pageSize() == null ? DEFAULT_PAGE_SIZE : request.pageSize(), request.pageToken());
    }

    /**
     * Starts a new run of a FAILED or CANCELLED checkout with the purchase it was started with (202). The row
     * is the workflow's to write: it shows the new run (PENDING, one more run) as soon as the run begins. 409
     * for any other status: a completed checkout is never run again.
     */
    @Post("/{checkoutId}/retry")
    @Operation(operationId = "retryCheckout")
    @ApiResponse(responseCode = "202", description = "The new run, started", useReturnTypeSchema = true,
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "the checkout's URL", schema = @Schema(type = "string")))
    @Problems.BadRequest
    @Problems.NotFound
    @Problems.Conflict
    HttpResponse<Retried> retry(Authentication ops, @PathVariable UUID checkoutId) {
        CheckoutRecord checkout = checkouts.find(checkoutId)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No checkout " + checkoutId));
        if (checkout.status() != CheckoutStatus.FAILED && checkout.status() != CheckoutStatus.CANCELLED) {
            throw new HttpStatusException(HttpStatus.CONFLICT,
                    "The checkout is " + checkout.status() + ": only FAILED or CANCELLED checkouts can be retried");
        }
        // Refused by the id-reuse policy when a run is open (a retry a moment ago) or completed.
        String runId = workflows.retry(checkout).orElseThrow(() -> new HttpStatusException(HttpStatus.CONFLICT,
                "Checkout workflow " + checkout.workflowId() + " has a run that is open or completed"));
        LOG.info("Checkout retried by userId={} checkoutId={} workflowId={} runId={} previous={}", ops.getName(),
                checkoutId, checkout.workflowId(), runId, checkout.status());
        return HttpResponse.accepted(URI.create("/api/checkouts/" + checkoutId)).body(new Retried(checkoutId,
                checkout.workflowId(), runId, checkout.status().name(),
                checkout.failureReason() == null ? null : checkout.failureReason().name()));
    }

    /**
     * Resets a running checkout ({@code to}: its latest completed workflow task, the default, or its first)
     * and answers 202 with the new run. For a checkout stuck on a workflow task that a deploy fixed. 409 for a
     * checkout that is not running: retry a failed or cancelled one instead (docs/operations.md, "Reset").
     */
    @Post("/{checkoutId}/reset")
    @Operation(operationId = "resetCheckout")
    @ApiResponse(responseCode = "202", description = "The new run, reset", useReturnTypeSchema = true,
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "the checkout's URL", schema = @Schema(type = "string")))
    @Problems.Body
    @Problems.NotFound
    @Problems.Conflict
    HttpResponse<ResetResult> reset(Authentication ops, @PathVariable UUID checkoutId, @Valid @Body ResetCommand command) {
        CheckoutRecord checkout = checkouts.find(checkoutId)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No checkout " + checkoutId));
        boolean toFirst = "FIRST_WORKFLOW_TASK".equals(command.to());
        String reason = "ops " + ops.getName() + ": " + command.reason();
        String runId;
        try {
            runId = workflows.reset(checkout.workflowId(), toFirst, reason).orElseThrow(() ->
                    new HttpStatusException(HttpStatus.CONFLICT, "The checkout's workflow is not running: only a "
                            + "running checkout is reset; retry a FAILED or CANCELLED one"));
        } catch (WorkflowNotFoundException gone) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "Temporal has no execution for " + checkout.workflowId());
        }
        LOG.info("Checkout reset by userId={} checkoutId={} workflowId={} to={} newRunId={}", ops.getName(), checkoutId,
                checkout.workflowId(), command.to(), runId);
        return HttpResponse.accepted(URI.create("/api/checkouts/" + checkoutId))
                .body(new ResetResult(checkoutId, checkout.workflowId(), runId, command.to()));
    }

    /**
     * @param to {@code LAST_WORKFLOW_TASK} (replays the workflow's latest decision) or {@code FIRST_WORKFLOW_TASK}
     *     (runs the whole saga again; payments are found, not repeated)
     * @param reason recorded in the workflow's history
     */
    @Serdeable
    record ResetCommand(
            @NotBlank
            @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"LAST_WORKFLOW_TASK", "FIRST_WORKFLOW_TASK"})
            @Pattern(regexp = "^(LAST_WORKFLOW_TASK|FIRST_WORKFLOW_TASK)$",
                    message = "must be LAST_WORKFLOW_TASK or FIRST_WORKFLOW_TASK") String to,
            @NotBlank @Size(max = 200) String reason) {
    }

    @Serdeable
    record ResetResult(UUID checkoutId, String workflowId, String runId, String resetTo) {
    }

    /** Replays the checkout's latest run against this process's workflow code. */
    @Post("/{checkoutId}/replay")
    @Operation(operationId = "replayCheckout")
    @Problems.BadRequest
    @Problems.NotFound
    ReplayResult replay(@PathVariable UUID checkoutId) {
        CheckoutRecord checkout = checkouts.find(checkoutId)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No checkout " + checkoutId));
        try {
            return workflows.replay(checkout.workflowId());
        } catch (WorkflowNotFoundException gone) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND,
                    "Temporal has no history for " + checkout.workflowId() + " (past the namespace's retention?)");
        }
    }

    /**
     * @param stuckFor an ISO-8601 duration ({@code PT15M}, {@code PT2H}, {@code P1D}), at least a minute
     */
    @Introspected
    record ListRequest(
            @Nullable @QueryValue @Pattern(regexp = "^(PENDING|RISK_REVIEWED|STOCK_RESERVED|PAYMENT_ACTION_REQUIRED|)$"
                    + "PAYMENT_DECLINED|COMPLETED|CANCELLED|FAILED", message = "must be a checkout status such as FAILED")
            String status,
            @Nullable @QueryValue @Pattern(regexp = "^P(?=[0-9]|T[0-9])([0-9]{1,3}D)?(T(?=[0-9])([0-9]{1,4}H)?([0-9]{1,6}M)?)?$",
                    message = "must be an ISO-8601 duration such as PT15M") String stuckFor,
            @Nullable @QueryValue @Size(max = 128) @Pattern(regexp = "^[^'\"\\\\\\u0000-\\u001F\\u007F]+$",
                    message = "must not contain quotes, backslashes or control characters") String shopperId,
            @Nullable @QueryValue @Size(max = 2048) String pageToken,
            @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {
    }

    /**
     * A retry that started: the new run, and how the run before it ended. The checkout's row shows the new run
     * (PENDING, {@code runs} one more) as soon as it begins.
     */
    @Serdeable
    record Retried(UUID checkoutId, String workflowId, String runId, String previousStatus,
            @Nullable String previousFailureReason) {
    }
}
