package com.styleshepherd.api.returns;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.orders.OrderWorkflows;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.store.returns.ReturnBook;
import com.styleshepherd.store.returns.ReturnRecord;
import com.styleshepherd.workflows.order.OrderRequests;
import com.styleshepherd.workflows.order.ReturnCondition;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The warehouse receiving returns: restock when the condition allows, and the refund through the provider. */
@Controller("/api/ops/returns")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class OpsReturnController {

    private static final Logger LOG = LoggerFactory.getLogger(OpsReturnController.class);

    private final ReturnBook returns;
    private final OrderWorkflows workflows;

    OpsReturnController(ReturnBook returns, OrderWorkflows workflows) {
        this.returns = returns;
        this.workflows = workflows;
    }

    /**
     * Records a return's units as received in a condition: RESELLABLE goes back in stock and is refunded,
     * DAMAGED is refunded, UNRETURNABLE is neither (the return is REJECTED). The refund is the returned units'
     * price, made once through the payment provider: 200, or 202 while the provider has not answered yet (the
     * return shows REFUNDED once it did). 409 when the return was received already.
     */
    @Post("/{returnId}/receipt")
    @Operation(operationId = "receiveReturn")
    @ApiResponse(responseCode = "200", description = "The return, received and settled", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "202", description = "Received; its refund is under way", useReturnTypeSchema = true)
    @Problems.Body
    @Problems.NotFound
    @Problems.Conflict
    HttpResponse<ReturnResponse> receive(Principal ops, @PathVariable UUID returnId,
            @Valid @NotNull @Body ReceiptCommand command) {
        ReturnRecord requested = returns.find(returnId)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No return " + returnId));
        boolean done;
        try {
            done = workflows.update(requested.orderId(), null, "receiveReturn",
                    new OrderRequests.ReturnReceipt(returnId, ReturnCondition.valueOf(command.condition()))).isPresent();
        } catch (OrderWorkflows.NoOrderWorkflow none) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "Return " + returnId + " belongs to an order that takes"
                    + " no more changes (closed, or placed before orders had a lifecycle)");
        }
        ReturnRecord received = returns.find(returnId).orElseThrow();
        LOG.info("Return {} of order {} received {}: {} refunded (by userId={}){}", returnId, received.orderId(),
                received.condition(), received.refundAmount(), ops.getName(), done ? "" : ", refund under way");
        return done ? HttpResponse.ok(ReturnResponse.of(received))
                : HttpResponse.<ReturnResponse>accepted().body(ReturnResponse.of(received));
    }

    /** @param condition how the units came back */
    @Serdeable
    record ReceiptCommand(
            @NotNull @Schema(allowableValues = {"RESELLABLE", "DAMAGED", "UNRETURNABLE"})
            @Pattern(regexp = "^(RESELLABLE|DAMAGED|UNRETURNABLE)$", message = "must be RESELLABLE, DAMAGED or UNRETURNABLE")
            String condition) {
    }
}
