package com.styleshepherd.workflows.checkout;

/**
 * A verified payment-provider webhook, signalled to the checkout it concerns. The workflow treats it
 * as a nudge and reads the intent's state from the provider before acting on it.
 *
 * @param eventId the provider's event id (unique; the api stores each once)
 * @param type e.g. {@code payment_intent.succeeded}
 */
public record PaymentEvent(String eventId, String type, String paymentIntentId) {
}
