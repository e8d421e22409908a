package com.styleshepherd.payments;

/** A webhook body and the {@code Stripe-Signature} header that signs it. */
public record SignedWebhook(String payload, String signatureHeader) {
}
