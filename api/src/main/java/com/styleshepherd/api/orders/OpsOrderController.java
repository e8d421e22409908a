package com.styleshepherd.api.orders;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.OrderRecord;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fulfilment, for ops and the warehouse integration: an order moves PLACED → SHIPPED → DELIVERED →
 * COMPLETED one step at a time (409 otherwise). Shoppers can return lines of DELIVERED or COMPLETED
 * orders.
 */
@Controller("/api/ops/orders")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class OpsOrderController {

    private static final Logger LOG = LoggerFactory.getLogger(OpsOrderController.class);

    private final OrderBook orders;
    private final TaggedCache cache;

    OpsOrderController(OrderBook orders, TaggedCache cache) {
        this.orders = orders;
        this.cache = cache;
    }

    /**
     * Moves an order to its next fulfilment step (PLACED, SHIPPED, DELIVERED, COMPLETED, in that order) and
     * answers it; the step it is at already changes nothing. 409 for any other step.
     */
    @Put("/{orderId}/status")
    @Operation(operationId = "advanceOrder")
    @Problems.Body
    @Problems.NotFound
    @Problems.Conflict
    OrderResponse fulfil(Principal ops, @PathVariable UUID orderId, @Valid @NotNull @Body FulfilmentStep step) {
        try {
            OrderRecord advanced = orders.advanceFulfilment(orderId, step.status())
                    .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No order " + orderId));
            if (advanced.userId() != null) {
                cache.invalidateShopper(advanced.userId());
            }
            OrderResponse order = OrderResponse.of(advanced);
            LOG.info("Order {} is {} (by userId={})", orderId, step.status(), ops.getName());
            return order;
        } catch (IllegalStateException wrongStep) {
            throw new HttpStatusException(HttpStatus.CONFLICT, wrongStep.getMessage());
        }
    }

    /** @param status the step the order has reached */
    @Serdeable
    record FulfilmentStep(
            @NotNull
            @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"SHIPPED", "DELIVERED", "COMPLETED"})
            @Pattern(regexp = "^(SHIPPED|DELIVERED|COMPLETED)$", message = "must be SHIPPED, DELIVERED or COMPLETED")
            String status) {
    }
}
