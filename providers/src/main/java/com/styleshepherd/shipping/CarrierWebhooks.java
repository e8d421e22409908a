package com.styleshepherd.shipping;

import com.styleshepherd.payments.InvalidWebhookException;
import com.styleshepherd.payments.WebhookSignature;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies carrier webhooks: {@code Carrier-Signature} is signed as Stripe signs its webhooks
 * ({@link WebhookSignature}), so one rule holds for every webhook the shop takes. The body:
 * {@code {"id": "...", "orderId": "...", "shipmentId": "...", "step": "SHIPPED", "carrier": "UPS",
 * "trackingNumber": "..."}}.
 */
@Singleton
public class CarrierWebhooks {

    private static final Set<String> STEPS = Set.of("LABEL_CREATED", "SHIPPED", "DELIVERED");

    private final CarrierSettings settings;
    private final JsonMapper json;
    private final Clock clock;

    @Inject
    CarrierWebhooks(CarrierSettings settings, JsonMapper json) {
        this(settings, json, Clock.systemUTC());
    }

    CarrierWebhooks(CarrierSettings settings, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** The event, if its signature verifies within the tolerance; {@link InvalidWebhookException} otherwise. */
    public CarrierEvent verify(String payload, String signatureHeader) {
        if (settings.webhookSecret() == null) {
            throw new InvalidWebhookException("carrier.webhook-secret is not set: carrier webhooks are not taken", null);
        }
        if (payload == null || signatureHeader == null) {
            throw new InvalidWebhookException("Missing body or Carrier-Signature header", null);
        }
        WebhookSignature.verify("Carrier-Signature", payload, signatureHeader, settings.webhookSecret(),
                settings.webhookTolerance(), clock);
        try {
            Map<String, Object> event = json.readValue(payload, Argument.mapOf(String.class, Object.class));
            String step = (String) event.get("step");
            if (event.get("id") == null || !STEPS.contains(step)) {
                throw new InvalidWebhookException("A carrier event needs an id and a step of " + STEPS, null);
            }
            return new CarrierEvent((String) event.get("id"), UUID.fromString((String) event.get("orderId")),
                    UUID.fromString((String) event.get("shipmentId")), step, (String) event.get("carrier"),
                    (String) event.get("trackingNumber"), payload);
        } catch (IOException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidWebhookException("Not a carrier event", e);
        }
    }

    /** The {@code Carrier-Signature} header for a body signed now (for the dev stack and tests). */
    public String signatureHeader(String payload) {
        return WebhookSignature.header(payload, settings.webhookSecret(), clock);
    }
}
