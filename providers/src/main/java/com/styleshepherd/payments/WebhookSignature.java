package com.styleshepherd.payments;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;

/**
 * Stripe's webhook signature scheme, {@code t=<seconds>,v1=<hex HMAC-SHA256(secret, "<seconds>.<body>")>}: what
 * Stripe's webhooks carry in {@code Stripe-Signature}, and the carrier's in {@code Carrier-Signature}, so one rule
 * holds for every webhook the shop takes. The signature is Stripe's library's to check; the timestamp is checked
 * here, in the past and in the future (the library checks only the past).
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /** The header's {@code t=} must be within {@code tolerance} of the clock; {@code header} names it in the refusal. */
    public static void requireRecent(String header, String signatureHeader, Duration tolerance, Clock clock) {
        for (String item : signatureHeader.split(",")) {
            String[] pair = item.trim().split("=", 2);
            if (pair.length == 2 && "t".equals(pair[0])) {
                long timestamp;
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    throw new InvalidWebhookException(header + " has no valid timestamp", e);
                }
                if (Math.abs(clock.instant().getEpochSecond() - timestamp) > tolerance.toSeconds()) {
                    throw new InvalidWebhookException(header + " timestamp is outside the tolerance of " + tolerance,
                            null);
                }
                return;
            }
        }
        throw new InvalidWebhookException(header + " has no timestamp", null);
    }

    /** A recent timestamp and a signature of {@code payload} with {@code secret}, or {@link InvalidWebhookException}. */
    public static void verify(String header, String payload, String signatureHeader, String secret, Duration tolerance,
            Clock clock) {
        requireRecent(header, signatureHeader, tolerance, clock);
        try {
            // Tolerance 0: the library checks the signature only.
            Webhook.Signature.verifyHeader(payload, signatureHeader, secret, 0);
        } catch (SignatureVerificationException e) {
            throw new InvalidWebhookException(header + " does not verify", e);
        }
    }

    /** The header for {@code payload} signed with {@code secret} at the clock's now (the dev stack's and tests'). */
    public static String header(String payload, String secret, Clock clock) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, secret, clock.instant().getEpochSecond());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
