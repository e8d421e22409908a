package com.styleshepherd.api.returns;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.orders.OrderWorkflows;
import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.OrderLineRecord;
import com.styleshepherd.store.checkout.OrderRecord;
import com.styleshepherd.store.returns.ReturnBook;
import com.styleshepherd.store.returns.ReturnRecord;
import com.styleshepherd.workflows.order.OrderRequests;
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
 * The caller's returns. A line of a delivered order can be returned once, within the order's return window:
 * 404 for an order that is not the caller's, 422 naming {@code lineId} or {@code quantity} when they do not
 * fit the order, 409 when the order is not delivered, its window closed or the line was returned already.
 * Ops receive it ({@code POST /api/ops/returns/{returnId}/receipt}); its refund goes back through the payment
 * provider then.
 */
@Controller("/api/returns")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Shopper
class ReturnController {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnController.class);

    private final ReturnBook returns;
    private final OrderBook orders;
    private final OrderWorkflows workflows;
    private final TaggedCache cache;

    ReturnController(ReturnBook returns, OrderBook orders, OrderWorkflows workflows, TaggedCache cache) {
        this.returns = returns;
        this.orders = orders;
        this.workflows = workflows;
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
        OrderRecord order = orders.findForUser(command.orderId(), shopper.getName())
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No order " + command.orderId()));
        OrderLineRecord line = order.lines().stream().filter(candidate -> candidate.id().equals(command.lineId()))
                .findFirst().orElseThrow(() -> FieldProblem.of(HttpStatus.UNPROCESSABLE_ENTITY, "lineId",
                        "Order " + command.orderId() + " has no line " + command.lineId()));
        UUID returnId = UUID.randomUUID();
        try {
            // The order's workflow judges it (delivered, within the return window, once per line) and records it.
            workflows.update(order.id(), order.createdAt(), "requestReturn", new OrderRequests.ReturnRequest(returnId,
                    line.id(), command.quantity() == null ? line.quantity() : command.quantity(), command.reason(),
                    command.comment()));
        } catch (OrderWorkflows.NoOrderWorkflow none) {
            throw noWorkflow(order);
        }
        ReturnRecord recorded = returns.find(returnId).orElseThrow(() -> new HttpStatusException(
                HttpStatus.SERVICE_UNAVAILABLE, "The return is accepted but not recorded yet: GET /api/returns shows it "
                        + "in a moment"));
        cache.invalidateShopper(shopper.getName());
        LOG.info("Return {} requested userId={} orderId={} lineId={} reason={}", recorded.id(), shopper.getName(),
                recorded.orderId(), recorded.lineId(), recorded.reason());
        return HttpResponse.created(ReturnResponse.of(recorded), URI.create("/api/returns/" + recorded.id()));
    }

    /**
     * An order without a running workflow takes no return: its workflow closed (the window with it), or the order
     * was placed before orders had one and is being adopted ({@code LegacyOrderAdoption}): asked again later, its
     * workflow judges the return and moves the money.
     */
    private static HttpStatusException noWorkflow(OrderRecord order) {
        return new HttpStatusException(HttpStatus.CONFLICT, switch (order.status()) {
            case "DELIVERED" -> "The order was placed before orders had a lifecycle and is being moved onto one: "
                    + "try again later";
            case "COMPLETED" -> "The order's return window has closed";
            default -> "The order is " + order.status() + ": only delivered orders can be returned";
        });
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
