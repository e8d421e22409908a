package com.styleshepherd.payments;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * Verifies Stripe webhooks ({@code Stripe-Signature}, {@code stripe.webhook-secret}) and reads the
 * payment intent they are about.
 */
@Singleton
public class StripeWebhooks {

    private final StripeSettings settings;
    private final JsonMapper json;
    private final Clock clock;

    @Inject
    StripeWebhooks(StripeSettings settings, JsonMapper json) {
        this(settings, json, Clock.systemUTC());
    }

    StripeWebhooks(StripeSettings settings, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The event, if the signature verifies and its timestamp is within {@code stripe.webhook-tolerance} of
     * now, in the past or in the future (Stripe's library checks only the past). Throws
     * {@link InvalidWebhookException} otherwise. Events about other objects than payment intents come back
     * with a null intent id.
     */
    public PaymentWebhookEvent verify(String payload, String signatureHeader) {
        if (settings.webhookSecret() == null) {
            throw new IllegalStateException("stripe.webhook-secret is not set: webhooks cannot be verified");
        }
        if (payload == null || signatureHeader == null) {
            throw new InvalidWebhookException("Missing body or Stripe-Signature header", null);
        }
        WebhookSignature.requireRecent("Stripe-Signature", signatureHeader, settings.webhookTolerance(), clock);
        try {
            // Tolerance 0: the library checks the signature only; requireRecent checks the time, both ways.
            Webhook.constructEvent(payload, signatureHeader, settings.webhookSecret(), 0);
        } catch (SignatureVerificationException e) {
            throw new InvalidWebhookException("Stripe-Signature does not verify", e);
        } catch (RuntimeException e) {
            throw new InvalidWebhookException("Not a Stripe event", e);
        }
        // Read the fields we route on from the raw JSON: it works whatever API version the account uses.
        try {
            Map<String, Object> event = json.readValue(payload, Argument.mapOf(String.class, Object.class));
            Map<?, ?> data = event.get("data") instanceof Map<?, ?> d ? d : Map.of();
            Map<?, ?> object = data.get("object") instanceof Map<?, ?> o ? o : Map.of();
            Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
            String kind = (String) object.get("object");
            String intentId = "payment_intent".equals(kind) ? (String) object.get("id")
                    : object.get("payment_intent") instanceof String intent ? intent : null;
            return new PaymentWebhookEvent((String) event.get("id"), (String) event.get("type"), intentId,
                    (String) metadata.get("workflow_id"), refundOf(kind, object), payload);
        } catch (IOException | ClassCastException e) {
            throw new InvalidWebhookException("Not a Stripe event", e);
        }
    }

    /**
     * The refund a {@code refund.*} event carries (the object), or the latest one a {@code charge.refunded}
     * event lists ({@code refunds.data[0]}, newest first); null otherwise.
     */
    private static PaymentWebhookEvent.RefundUpdate refundOf(String kind, Map<?, ?> object) {
        Map<?, ?> refund = null;
        if ("refund".equals(kind)) {
            refund = object;
        } else if ("charge".equals(kind) && object.get("refunds") instanceof Map<?, ?> refunds
                && refunds.get("data") instanceof java.util.List<?> list && !list.isEmpty()
                && list.getFirst() instanceof Map<?, ?> first) {
            refund = first;
        }
        if (refund == null) {
            return null;
        }
        long amount = refund.get("amount") instanceof Number number ? number.longValue() : 0;
        return new PaymentWebhookEvent.RefundUpdate((String) refund.get("id"), (String) refund.get("status"), amount,
                (String) refund.get("failure_reason"));
    }
}
