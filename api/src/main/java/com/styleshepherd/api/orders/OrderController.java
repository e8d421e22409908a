package com.styleshepherd.api.orders;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.OrderRecord;
import com.styleshepherd.workflows.order.OrderRequests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
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
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The caller's own orders; anyone else's order is 404. */
@Controller("/api/orders")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Shopper
class OrderController {

    static final String STATUS = "PLACED|PARTIALLY_SHIPPED|SHIPPED|DELIVERED|COMPLETED|CANCELLED|REFUNDED";
    private static final Logger LOG = LoggerFactory.getLogger(OrderController.class);

    private final OrderBook orders;
    private final OrderWorkflows workflows;
    private final TaggedCache cache;

    OrderController(OrderBook orders, OrderWorkflows workflows, TaggedCache cache) {
        this.orders = orders;
        this.workflows = workflows;
        this.cache = cache;
    }

    /** The caller's orders, newest first, optionally in one {@code status}. */
    @Get
    @Operation(operationId = "listOrders")
    @Problems.BadRequest
    PageResponse<OrderResponse> list(Principal shopper,
            @Parameter(schema = @Schema(allowableValues = {"PLACED", "PARTIALLY_SHIPPED", "SHIPPED", "DELIVERED",
                "COMPLETED", "CANCELLED", "REFUNDED"}))
            @Nullable @QueryValue @Pattern(regexp = "^(" + STATUS + ")$", message = "must be one of " + STATUS) String status,
            @Nullable @QueryValue @Min(1) @Max(10_000) Integer page,
            @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {
        Paging paging = Paging.of(page, pageSize);
        Page<OrderRecord> found = orders.listForUser(shopper.getName(), status, paging.pageable());
        return PageResponse.of(found, OrderResponse::of, paging);
    }

    /** One of the caller's orders, with its lines. */
    @Get("/{orderId}")
    @Operation(operationId = "getOrder")
    @Problems.BadRequest
    @Problems.NotFound
    OrderResponse find(Principal shopper, @PathVariable UUID orderId) {
        return orders.findForUser(orderId, shopper.getName()).map(OrderResponse::of)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No order " + orderId));
    }

    /**
     * Cancels one of the caller's orders before it ships: its stock goes back and its payment is refunded in
     * full, once (asking again answers the cancelled order). 202 when the refund is still under way (the order
     * shows it once made). 409 once it has shipped, saying so: a delivered order is returned instead
     * ({@code POST /api/returns}).
     */
    @Post("/{orderId}/cancel")
    @Operation(operationId = "cancelOrder")
    @ApiResponse(responseCode = "200", description = "The order, cancelled and refunded", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "202", description = "Cancelled; the refund is still under way", useReturnTypeSchema = true)
    @Problems.BadRequest
    @Problems.NotFound
    @Problems.Conflict
    HttpResponse<OrderResponse> cancel(Principal shopper, @PathVariable UUID orderId) {
        OrderRecord order = orders.findForUser(orderId, shopper.getName())
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No order " + orderId));
        if (order.status().equals("CANCELLED")) {
            return HttpResponse.ok(OrderResponse.of(order));
        }
        boolean done;
        try {
            done = workflows.update(orderId, order.createdAt(), "cancel", new OrderRequests.Cancel("by the shopper"))
                    .isPresent();
        } catch (OrderWorkflows.NoOrderWorkflow closed) {
            // PLACED without a workflow: placed before orders had one, and not adopted yet (LegacyOrderAdoption).
            throw new HttpStatusException(HttpStatus.CONFLICT, order.status().equals("PLACED")
                    ? "The order was placed before orders had a lifecycle and is being moved onto one: try again later"
                    : "The order is " + order.status() + ": it can no longer be cancelled");
        } catch (HttpStatusException refused) {
            // A cancel that crossed another one: the order is cancelled all the same.
            OrderRecord now = orders.findForUser(orderId, shopper.getName()).orElseThrow();
            if (now.status().equals("CANCELLED")) {
                return HttpResponse.ok(OrderResponse.of(now));
            }
            throw refused;
        }
        cache.invalidateShopper(shopper.getName());
        OrderRecord cancelled = orders.findForUser(orderId, shopper.getName()).orElseThrow();
        LOG.info("Order cancelled userId={} orderId={} refunded={} {}{}", shopper.getName(), orderId,
                cancelled.refundedAmount(), cancelled.currency(), done ? "" : " (refund under way)");
        return done ? HttpResponse.ok(OrderResponse.of(cancelled))
                : HttpResponse.<OrderResponse>accepted().body(OrderResponse.of(cancelled));
    }
}
