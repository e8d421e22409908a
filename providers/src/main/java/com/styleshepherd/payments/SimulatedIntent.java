package com.styleshepherd.payments;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * A payment intent as the {@link PaymentSimulator} keeps it in Valkey, in Stripe's words.
 *
 * @param status Stripe's status string ({@code succeeded}, {@code requires_action}, ...)
 * @param appliedKeys idempotency keys of the calls already applied to it
 */
@Serdeable
record SimulatedIntent(
        String id,
        long amount,
        String currency,
        String status,
        String paymentMethod,
        String clientSecret,
        Map<String, String> metadata,
        String declineCode,
        String declineMessage,
        boolean refunded,
        List<String> appliedKeys) {

    SimulatedIntent with(String status, String paymentMethod, String declineCode, String declineMessage,
            boolean refunded, String appliedKey) {
        List<String> keys = new java.util.ArrayList<>(appliedKeys);
        if (appliedKey != null) {
            keys.add(appliedKey);
        }
        return new SimulatedIntent(id, amount, currency, status, paymentMethod, clientSecret, metadata, declineCode,
                declineMessage, refunded, List.copyOf(keys));
    }
}
