package com.styleshepherd.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Signed webhooks are accepted only within the tolerance of the clock, before and after it. */
class StripeWebhooksTest {

    private static final String SECRET = "whsec_unit_test";
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final String PAYLOAD = """
            {"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"object":"payment_intent","id":"pi_1",\
            "metadata":{"workflow_id":"checkout-1"}}}}""";

    private final StripeWebhooks webhooks = new StripeWebhooks(
            new StripeSettings(null, SECRET, "https://api.stripe.com", Duration.ofMinutes(5)),
            JsonMapper.createDefault(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsASignatureMadeWithinTheTolerance() {
        assertEquals("pi_1", webhooks.verify(PAYLOAD, header(NOW.minusSeconds(299), SECRET)).paymentIntentId());
        assertEquals("pi_1", webhooks.verify(PAYLOAD, header(NOW.plusSeconds(299), SECRET)).paymentIntentId());
    }

    @Test
    void refusesATimestampTooFarInThePast() {
        assertThrows(InvalidWebhookException.class, () -> webhooks.verify(PAYLOAD, header(NOW.minusSeconds(301), SECRET)));
    }

    @Test
    void refusesATimestampInTheFuture() {
        assertThrows(InvalidWebhookException.class, () -> webhooks.verify(PAYLOAD, header(NOW.plusSeconds(3600), SECRET)));
        assertThrows(InvalidWebhookException.class, () -> webhooks.verify(PAYLOAD, header(NOW.plusSeconds(301), SECRET)));
    }

    @Test
    void refusesAnotherSecretAndAHeaderWithoutTimestamp() {
        assertThrows(InvalidWebhookException.class, () -> webhooks.verify(PAYLOAD, header(NOW, "whsec_other")));
        assertThrows(InvalidWebhookException.class, () -> webhooks.verify(PAYLOAD, "v1=abc"));
        assertThrows(InvalidWebhookException.class, () -> webhooks.verify(PAYLOAD, "t=soon,v1=abc"));
    }

    @Test
    void aRefundUpdatedEventNamesItsRefundAndIntentAndIsNotAboutTheIntentsOwnState() {
        String payload = """
                {"id":"evt_2","object":"event","type":"refund.updated","api_version":"2025-08-27.basil",\
                "data":{"object":{"id":"re_1","object":"refund","amount":2500,"charge":"ch_1","currency":"usd",\
                "payment_intent":"pi_1","status":"failed","failure_reason":"expired_or_canceled_card",\
                "metadata":{}},"previous_attributes":{"status":"succeeded"}}}""";

        PaymentWebhookEvent event = webhooks.verify(payload, header(NOW, SECRET, payload));

        assertEquals("pi_1", event.paymentIntentId());
        assertEquals(new PaymentWebhookEvent.RefundUpdate("re_1", "failed", 2500, "expired_or_canceled_card"),
                event.refund());
        assertTrue(event.refund().failed());
        assertFalse(event.aboutIntent(), "a checkout waiting for its intent is not woken by a refund");
    }

    @Test
    void aChargeRefundedEventCarriesItsLatestRefund() {
        String payload = """
                {"id":"evt_3","object":"event","type":"charge.refunded","data":{"object":{"id":"ch_1",\
                "object":"charge","amount":8900,"amount_refunded":2500,"currency":"usd","payment_intent":"pi_1",\
                "refunded":false,"refunds":{"object":"list","data":[{"id":"re_2","object":"refund","amount":2500,\
                "payment_intent":"pi_1","status":"succeeded"}],"has_more":false,"total_count":1}}}}""";

        PaymentWebhookEvent event = webhooks.verify(payload, header(NOW, SECRET, payload));

        assertEquals("charge.refunded", event.type());
        assertEquals("pi_1", event.paymentIntentId());
        assertEquals("re_2", event.refund().refundId());
        assertFalse(event.refund().failed());
    }

    /** Stripe's scheme: {@code t=<seconds>,v1=hex(HMAC-SHA256(secret, "<seconds>.<payload>"))}. */
    private static String header(Instant signedAt, String secret) {
        return header(signedAt, secret, PAYLOAD);
    }

    private static String header(Instant signedAt, String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = signedAt.getEpochSecond() + "." + payload;
            return "t=" + signedAt.getEpochSecond() + ",v1="
                    + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
