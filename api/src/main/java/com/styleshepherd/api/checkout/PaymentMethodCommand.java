package com.styleshepherd.api.checkout;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /api/checkouts/{id}/payment-method}: another card after a decline. */
@Serdeable
public record PaymentMethodCommand(
        @Schema(example = "pm_card_visa", maxLength = 123)
        @NotBlank
        @Pattern(regexp = CheckoutCommand.PAYMENT_METHOD, message = "must be a payment method id such as pm_card_visa")
        String paymentMethod) {
}
