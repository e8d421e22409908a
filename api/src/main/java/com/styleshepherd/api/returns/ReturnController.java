package com.styleshepherd.api.returns;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.returns.ReturnBook;
import com.styleshepherd.store.returns.ReturnRecord;
import com.styleshepherd.store.returns.ReturnRefused;
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
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.security.Principal;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's returns. A line of a DELIVERED or COMPLETED order can be returned once: 404 for an
 * order that is not the caller's, 422 naming {@code lineId} or {@code quantity} when they do not fit
 * the order, 409 when the order is not delivered or the line was returned already.
 */
@Controller("/api/returns")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Shopper
class ReturnController {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnController.class);

    private final ReturnBook returns;
    private final TaggedCache cache;

    ReturnController(ReturnBook returns, TaggedCache cache) {
        this.returns = returns;
        this.cache = cache;
    }

    /**
     * Requests a return of (some units of) one line of one of the caller's delivered orders: 201 with it. 404 for
     * an order that is not theirs, 422 for a line or quantity the order does not have, 409 when the order is not
     * delivered or the units were returned already.
     */
    @Post
    @Operation(operationId = "requestReturn")
    @ApiResponse(responseCode = "201", description = "The return, requested", useReturnTypeSchema = true,
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "the return's URL", schema = @Schema(type = "string")))
    @Problems.Body
    @Problems.NotFound
    @Problems.Conflict
    @Problems.Unprocessable
    HttpResponse<ReturnResponse> request(Principal shopper, @Valid @NotNull @Body ReturnCommand command) {
        ReturnRecord recorded;
        try {
            recorded = returns.request(shopper.getName(), command.orderId(), command.lineId(), command.quantity(),
                    command.reason(), command.comment());
        } catch (ReturnRefused refused) {
            throw switch (refused.why()) {
                case ORDER_NOT_FOUND -> new HttpStatusException(HttpStatus.NOT_FOUND, refused.getMessage());
                case LINE_NOT_FOUND -> FieldProblem.of(HttpStatus.UNPROCESSABLE_ENTITY, "lineId", refused.getMessage());
                case TOO_MANY_UNITS -> FieldProblem.of(HttpStatus.UNPROCESSABLE_ENTITY, "quantity", refused.getMessage());
                case NOT_DELIVERED, ALREADY_RETURNED -> new HttpStatusException(HttpStatus.CONFLICT, refused.getMessage());
            };
        }
        cache.invalidateShopper(shopper.getName());
        LOG.info("Return {} requested userId={} orderId={} lineId={} reason={}", recorded.id(), shopper.getName(),
                recorded.orderId(), recorded.lineId(), recorded.reason());
        return HttpResponse.created(ReturnResponse.of(recorded), URI.create("/api/returns/" + recorded.id()));
    }

    /** The caller's returns, newest first. */
    @Get
    @Operation(operationId = "listReturns")
    @Problems.BadRequest
    PageResponse<ReturnResponse> list(Principal shopper,
            @Nullable @QueryValue @Min(1) @Max(10_000) Integer page,
            @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {
        Paging paging = Paging.of(page, pageSize);
        return PageResponse.of(returns.listForUser(shopper.getName(), paging.pageable()), ReturnResponse::of, paging);
    }

    /** One of the caller's returns. */
    @Get("/{returnId}")
    @Operation(operationId = "getReturn")
    @Problems.BadRequest
    @Problems.NotFound
    ReturnResponse find(Principal shopper, @PathVariable UUID returnId) {
        return returns.findForUser(returnId, shopper.getName()).map(ReturnResponse::of)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No return " + returnId));
    }
}
