package com.styleshepherd.payments;

import io.micronaut.serde.annotation.Serdeable;

/** A refund as the {@link PaymentSimulator} keeps it in Valkey, under its idempotency key. */
@Serdeable
record SimulatedRefund(String id, String paymentIntentId, long amount, String status) {
}
