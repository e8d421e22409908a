package com.styleshepherd.shipping;

import com.styleshepherd.payments.InvalidWebhookException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies carrier webhooks: {@code Carrier-Signature: t=<seconds>,v1=<hex HMAC-SHA256(secret,
 * "<seconds>.<body>")>}, the scheme Stripe uses, so one rule holds for every webhook the shop takes. The body:
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
        String timestamp = null;
        String signature = null;
        for (String item : signatureHeader.split(",")) {
            String[] pair = item.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                timestamp = pair[1];
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signature = pair[1];
            }
        }
        if (timestamp == null || signature == null) {
            throw new InvalidWebhookException("Carrier-Signature needs t= and v1=", null);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new InvalidWebhookException("Carrier-Signature has no valid timestamp", e);
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > settings.webhookTolerance().toSeconds()) {
            throw new InvalidWebhookException("Carrier-Signature timestamp is outside the tolerance of "
                    + settings.webhookTolerance(), null);
        }
        if (!MessageDigest.isEqual(sign(timestamp + "." + payload).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            throw new InvalidWebhookException("Carrier-Signature does not verify", null);
        }
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
        long now = clock.instant().getEpochSecond();
        return "t=" + now + ",v1=" + sign(now + "." + payload);
    }

    private String sign(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.webhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
