package com.styleshepherd.api.orders;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.payments.InvalidWebhookException;
import com.styleshepherd.shipping.CarrierEvent;
import com.styleshepherd.shipping.CarrierWebhooks;
import com.styleshepherd.store.orders.CarrierInbox;
import com.styleshepherd.workflows.order.ShipmentReport;
import com.styleshepherd.workflows.order.ShipmentStep;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier's webhook: a shipment reached a step. Authenticated by the {@code Carrier-Signature} header,
 * not a token (a bad signature is 400); stored once by event id, so an event seen before is 200 and changes
 * nothing. A step the shipment refuses (backwards, or after it ended) is acknowledged as REFUSED: the
 * carrier must not redeliver it.
 */
@Controller("/api/webhooks/carrier")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class CarrierWebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(CarrierWebhookController.class);

    private final CarrierWebhooks webhooks;
    private final CarrierInbox inbox;
    private final OrderWorkflows workflows;

    CarrierWebhookController(CarrierWebhooks webhooks, CarrierInbox inbox, OrderWorkflows workflows) {
        this.webhooks = webhooks;
        this.inbox = inbox;
        this.workflows = workflows;
    }

    /** A carrier event about a shipment (label created, shipped, delivered): the shipment moves on. */
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveCarrierEvent", security = {})
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = "object", description = "the event, exactly as the carrier sent it")))
    @Problems.Body
    @Problems.ServiceUnavailable
    Received receive(@Body String payload,
            @Parameter(name = "Carrier-Signature", in = ParameterIn.HEADER, required = true,
                    description = "the carrier's signature of the body: t=<seconds>,v1=<HMAC-SHA256 hex>",
                    schema = @Schema(type = "string"))
            @Nullable @Header("Carrier-Signature") String signature) {
        CarrierEvent event;
        try {
            event = webhooks.verify(payload, signature);
        } catch (InvalidWebhookException refused) {
            LOG.warn("Carrier webhook refused: {}", refused.getMessage(), refused.getCause());
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, refused.getMessage());
        }
        if (!inbox.receive(event.eventId(), event.shipmentId(), event.payload())) {
            LOG.info("Carrier event {} already processed", event.eventId());
            return new Received("DUPLICATE");
        }
        String outcome = "PROCESSED";
        try {
            workflows.report(event.orderId(), event.shipmentId(), new ShipmentReport(ShipmentStep.valueOf(event.step()),
                    event.carrier(), event.trackingNumber()));
        } catch (HttpStatusException refused) {
            LOG.warn("Carrier event {} for shipment {} refused: {}", event.eventId(), event.shipmentId(),
                    refused.getMessage());
            outcome = "REFUSED";
        }
        inbox.markProcessed(event.eventId());
        LOG.info("Carrier event {} ({}) for shipment {} of order {}: {}", event.eventId(), event.step(),
                event.shipmentId(), event.orderId(), outcome);
        return new Received(outcome);
    }

    /** @param outcome PROCESSED, DUPLICATE (seen before) or REFUSED (the shipment does not take that step) */
    @Serdeable
    record Received(String outcome) {
    }
}
