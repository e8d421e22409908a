package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.PaymentStatus;
import java.math.BigDecimal;
import java.util.UUID;

/** A row of {@code payments}: the checkout's payment intent at the provider. */
public record PaymentRecord(
        UUID id,
        UUID checkoutId,
        String provider,
        String providerPaymentId,
        PaymentStatus status,
        BigDecimal amount,
        String currency,
        String clientSecret,
        int attempts,
        String failureCode,
        String failureMessage) {
}
