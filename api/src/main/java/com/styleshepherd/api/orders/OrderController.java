package com.styleshepherd.api.orders;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.OrderRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.util.UUID;

/** The caller's own orders; anyone else's order is 404. */
@Controller("/api/orders")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Shopper
class OrderController {

    static final String STATUS = "^(PLACED|SHIPPED|DELIVERED|COMPLETED|CANCELLED|REFUNDED)$";

    private final OrderBook orders;

    OrderController(OrderBook orders) {
        this.orders = orders;
    }

    /** The caller's orders, newest first, optionally in one {@code status}. */
    @Get
    @Operation(operationId = "listOrders")
    @Problems.BadRequest
    PageResponse<OrderResponse> list(Principal shopper,
            @Parameter(schema = @Schema(allowableValues = {"PLACED", "SHIPPED", "DELIVERED", "COMPLETED", "CANCELLED",
                "REFUNDED"}))
            @Nullable @QueryValue @Pattern(regexp = STATUS, message = "must be one of " + STATUS) String status,
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
}
