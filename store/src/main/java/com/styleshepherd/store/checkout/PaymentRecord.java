package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.PaymentStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.util.UUID;

/** A row of {@code payments}: the checkout's payment intent at the provider. */
@MappedEntity("payments")
public record PaymentRecord(
        @Id UUID id,
        UUID checkoutId,
        String provider,
        @Nullable String providerPaymentId,
        PaymentStatus status,
        BigDecimal amount,
        String currency,
        @Nullable String clientSecret,
        int attempts,
        @Nullable String failureCode,
        @Nullable String failureMessage) {
}
