package com.styleshepherd.api.orders;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.OrderRecord;
import com.styleshepherd.workflows.order.OrderRequests;
import com.styleshepherd.workflows.order.OrderState;
import com.styleshepherd.workflows.order.ShipmentReport;
import com.styleshepherd.workflows.order.ShipmentStep;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders after checkout, for ops and the warehouse: the order as its workflow holds it, shipments (an order
 * may ship in parts) and their steps, and refunds. Every change is an update of the order's workflow: one
 * it refuses is 409 saying why, or 422 naming the field, and changes nothing.
 */
@Controller("/api/ops/orders")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class OpsOrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{8,200}");
    private static final Logger LOG = LoggerFactory.getLogger(OpsOrderController.class);

    private final OrderBook orders;
    private final OrderWorkflows workflows;
    private final TaggedCache cache;

    OpsOrderController(OrderBook orders, OrderWorkflows workflows, TaggedCache cache) {
        this.orders = orders;
        this.workflows = workflows;
        this.cache = cache;
    }

    /** The order as its workflow holds it: status, payment status, captured and refunded, shipments, returns. */
    @Get("/{orderId}")
    @Operation(operationId = "getOrderLifecycle")
    @Problems.BadRequest
    @Problems.NotFound
    OpsOrderResponse find(@PathVariable UUID orderId) {
        return OpsOrderResponse.of(workflows.state(orderId).orElseThrow(() -> new HttpStatusException(
                HttpStatus.NOT_FOUND, "No order " + orderId + " with a lifecycle (orders placed before have none)")));
    }

    /**
     * Starts a shipment of some of the order's lines (those not shipped yet when {@code lineIds} is left out):
     * 201 with it. With an {@code Idempotency-Key}, the same key answers the same shipment.
     */
    @Post("/{orderId}/shipments")
    @Operation(operationId = "createShipment")
    @ApiResponse(responseCode = "201", description = "The shipment, requested", useReturnTypeSchema = true,
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "the shipment's URL", schema = @Schema(type = "string")))
    @Problems.Body
    @Problems.NotFound
    @Problems.Conflict
    @Problems.Unprocessable
    HttpResponse<ShipmentResponse> ship(Principal ops, @PathVariable UUID orderId,
            @Parameter(description = "optional: the same key answers the same shipment",
                    schema = @Schema(pattern = "^[A-Za-z0-9._:-]{8,200}$"))
            @Nullable @Header(IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull @Body NewShipmentCommand command) {
        OrderRecord order = existing(orderId);
        UUID shipmentId = idempotencyKey == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("shipment/" + orderId + "/" + checkedKey(idempotencyKey))
                        .getBytes(StandardCharsets.UTF_8));
        Optional<OrderState> known = workflows.state(orderId).filter(state -> state.shipments().stream()
                .anyMatch(shipment -> shipment.shipmentId().equals(shipmentId)));
        Optional<OrderState> state = known.isPresent() ? known
                : change(order, "createShipment", new OrderRequests.NewShipment(shipmentId, command.lineIds()));
        // Accepted but not answered in time (the workflow is busy): it is requested all the same.
        OrderState.Shipment shipment = state.flatMap(now -> now.shipments().stream()
                        .filter(candidate -> candidate.shipmentId().equals(shipmentId)).findFirst())
                .orElse(new OrderState.Shipment(shipmentId, command.lineIds() == null ? List.of() : command.lineIds(),
                        ShipmentStep.REQUESTED));
        LOG.info("Shipment {} of order {} requested for lines {} (by userId={})", shipmentId, orderId,
                shipment.lineIds(), ops.getName());
        return HttpResponse.created(new ShipmentResponse(shipmentId, orderId, shipment.lineIds(),
                        shipment.step().name(), null, null, false),
                URI.create("/api/ops/orders/" + orderId + "/shipments/" + shipmentId));
    }

    /** A shipment, as its workflow holds it. */
    @Get("/{orderId}/shipments/{shipmentId}")
    @Operation(operationId = "getShipment")
    @Problems.BadRequest
    @Problems.NotFound
    ShipmentResponse shipment(@PathVariable UUID orderId, @PathVariable UUID shipmentId) {
        return workflows.shipment(orderId, shipmentId).map(ShipmentResponse::of).orElseThrow(() ->
                new HttpStatusException(HttpStatus.NOT_FOUND, "No shipment " + shipmentId + " of order " + orderId));
    }

    /**
     * Reports the step a shipment reached (LABEL_CREATED, SHIPPED, DELIVERED, in that order); the step it is at
     * already changes nothing. 409 for a step backwards or skipped.
     */
    @Post("/{orderId}/shipments/{shipmentId}/events")
    @Operation(operationId = "reportShipmentStep")
    @Problems.Body
    @Problems.NotFound
    @Problems.Conflict
    ShipmentResponse report(Principal ops, @PathVariable UUID orderId, @PathVariable UUID shipmentId,
            @Valid @NotNull @Body ShipmentStepCommand command) {
        ShipmentResponse moved = ShipmentResponse.of(workflows.report(orderId, shipmentId, command.toReport()));
        forget(existing(orderId));
        LOG.info("Shipment {} of order {} is {} (by userId={})", shipmentId, orderId, moved.step(), ops.getName());
        return moved;
    }

    /**
     * Calls a shipment off before it left (a voided label, a parcel never picked up): 200 with it, CANCELLED. Its
     * lines can then ship in another shipment; stock is untouched (the goods never left). 409 once it has shipped.
     */
    @Post("/{orderId}/shipments/{shipmentId}/cancel")
    @Operation(operationId = "cancelShipment")
    @Problems.BadRequest
    @Problems.NotFound
    @Problems.Conflict
    ShipmentResponse cancelShipment(Principal ops, @PathVariable UUID orderId, @PathVariable UUID shipmentId) {
        OrderRecord order = existing(orderId);
        ShipmentResponse cancelled = ShipmentResponse.of(workflows.callOff(orderId, shipmentId,
                "called off by " + ops.getName()));
        forget(order);
        LOG.info("Shipment {} of order {} called off (by userId={})", shipmentId, orderId, ops.getName());
        return cancelled;
    }

    /**
     * Refunds part (or the rest) of what the order's payment took, through the payment provider: 200 with the
     * order, or 202 while the provider has not answered yet (the order shows the refund once made). The
     * {@code Idempotency-Key} is the refund's: the same key again refunds nothing more. 422 naming
     * {@code amount} when it is more than is left to refund.
     */
    @Post("/{orderId}/refunds")
    @Operation(operationId = "refundOrder")
    @ApiResponse(responseCode = "200", description = "The order, refunded", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "202", description = "The refund is under way", useReturnTypeSchema = true)
    @Problems.Body
    @Problems.NotFound
    @Problems.Conflict
    @Problems.Unprocessable
    HttpResponse<OpsOrderResponse> refund(Principal ops, @PathVariable UUID orderId,
            @Parameter(description = "a key of the caller's choosing, new for each refund; the same key again "
                    + "refunds nothing more", schema = @Schema(pattern = "^[A-Za-z0-9._:-]{8,200}$"))
            @Header(IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull @Body RefundCommand command) {
        String key = checkedKey(idempotencyKey);
        OrderRecord order = existing(orderId);
        String providerKey = "refund-" + orderId + "-ops-" + key;
        Optional<OrderState> made = workflows.state(orderId).filter(known -> known.refunds().stream()
                .anyMatch(refund -> refund.idempotencyKey().equals(providerKey)));
        if (made.isPresent()) {
            return HttpResponse.ok(OpsOrderResponse.of(made.get()));
        }
        Optional<OrderState> refunded = change(order, "refund",
                new OrderRequests.Refund(key, new BigDecimal(command.amount()), command.reason()));
        forget(order);
        LOG.info("Order {} refunded {} (key {}, by userId={}){}", orderId, command.amount(), key, ops.getName(),
                refunded.isPresent() ? "" : ": under way");
        return refunded.map(state -> HttpResponse.ok(OpsOrderResponse.of(state)))
                .orElseGet(() -> HttpResponse.accepted().body(OpsOrderResponse.of(workflows.state(orderId).orElseThrow())));
    }

    /** The shopper's cached reads mention their orders. */
    private void forget(OrderRecord order) {
        if (order.userId() != null) {
            cache.invalidateShopper(order.userId());
        }
    }

    private OrderRecord existing(UUID orderId) {
        return orders.find(orderId).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "No order " + orderId));
    }

    private Optional<OrderState> change(OrderRecord order, String update, Object argument) {
        try {
            return workflows.update(order.id(), order.createdAt(), update, argument);
        } catch (OrderWorkflows.NoOrderWorkflow closed) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "The order is " + order.status()
                    + ": it takes no more changes");
        }
    }

    private static String checkedKey(String idempotencyKey) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw FieldProblem.of(IDEMPOTENCY_KEY,
                    "header is required: 8-200 letters, digits, '.', '_', ':' or '-' (a UUID is ideal)");
        }
        return idempotencyKey;
    }

    /** @param lineIds the order's lines this shipment carries; all those not shipped yet when left out */
    @Serdeable
    record NewShipmentCommand(@Nullable @Size(max = 100) List<@NotNull UUID> lineIds) {
    }

    /** @param step the step the shipment reached */
    @Serdeable
    record ShipmentStepCommand(
            @NotNull @Schema(allowableValues = {"LABEL_CREATED", "SHIPPED", "DELIVERED"})
            @Pattern(regexp = "^(" + STEPS + ")$", message = "must be LABEL_CREATED, SHIPPED or DELIVERED") String step,
            @Nullable @Size(max = 64) String carrier,
            @Nullable @Size(max = 128) @Pattern(regexp = "^[A-Za-z0-9-]+$", message = "letters, digits and '-' only")
            String trackingNumber) {

        static final String STEPS = "LABEL_CREATED|SHIPPED|DELIVERED";

        ShipmentReport toReport() {
            return new ShipmentReport(ShipmentStep.valueOf(step), carrier, trackingNumber);
        }
    }

    /**
     * @param amount a decimal string in the order's currency, cents at most
     * @param reason why the money goes back
     */
    @Serdeable
    record RefundCommand(
            @NotNull @Schema(example = "12.50") @Size(max = 11)
            @Pattern(regexp = "^(0|[1-9][0-9]{0,7})(\\.[0-9]{1,2})?$", message = "must be a positive amount like 12.50")
            String amount,
            @NotNull @Schema(allowableValues = {"GOODWILL", "PRICE_ADJUSTMENT", "DAMAGED_IN_TRANSIT", "OTHER"})
            @Pattern(regexp = "^(" + REASONS + ")$", message = "must be one of " + REASONS) String reason) {

        static final String REASONS = "GOODWILL|PRICE_ADJUSTMENT|DAMAGED_IN_TRANSIT|OTHER";
    }
}
