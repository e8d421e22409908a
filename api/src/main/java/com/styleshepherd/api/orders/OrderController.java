package com.styleshepherd.api.orders;

import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.OrderRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
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
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

/** The caller's own orders; anyone else's order is 404. */
@Controller("/api/orders")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class OrderController {

    private final OrderBook orders;

    OrderController(OrderBook orders) {
        this.orders = orders;
    }

    @Get
    OrderPage list(Principal shopper,
            @Nullable @QueryValue @Min(1) @Max(10_000) Integer page,
            @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {
        int number = page == null ? 1 : page;
        int size = pageSize == null ? 20 : pageSize;
        Page<OrderRecord> found = orders.listForUser(shopper.getName(), Pageable.from(number - 1, size));
        return new OrderPage(found.getContent().stream().map(OrderResponse::of).toList(), number, size,
                found.getTotalSize());
    }

    @Get("/{orderId}")
    OrderResponse find(Principal shopper, @PathVariable UUID orderId) {
        return orders.findForUser(orderId, shopper.getName()).map(OrderResponse::of)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No order " + orderId));
    }

    @Serdeable
    record OrderPage(List<OrderResponse> items, int page, int pageSize, long total) {
    }
}
