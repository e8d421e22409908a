package com.styleshepherd.api.checkout;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.payments.InvalidWebhookException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

/**
 * Stripe's webhook endpoint. Authenticated by the {@code Stripe-Signature} header, not a token: a bad
 * signature is 400; an event seen before is 200 and changes nothing.
 */
@Controller("/api/webhooks/stripe")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class StripeWebhookController {

    private final PaymentWebhookHandler handler;

    StripeWebhookController(PaymentWebhookHandler handler) {
        this.handler = handler;
    }

    /**
     * A Stripe event about a payment (succeeded, failed, or needing 3-D Secure): the checkout it is about moves
     * on.
     */
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveStripeEvent", security = {})
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = "object", description = "the event, exactly as Stripe sent it")))
    @Problems.Body
    @Problems.ServiceUnavailable
    Received receive(@Body String payload,
            @Parameter(name = "Stripe-Signature", in = ParameterIn.HEADER, required = true,
                    description = "Stripe's signature of the body", schema = @Schema(type = "string"))
            @Nullable @Header("Stripe-Signature") String signature) {
        try {
            return new Received(handler.handle(payload, signature).name());
        } catch (InvalidWebhookException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** @param outcome PROCESSED, DUPLICATE (seen before) or IGNORED (not about a checkout) */
    @Serdeable
    record Received(String outcome) {
    }
}
