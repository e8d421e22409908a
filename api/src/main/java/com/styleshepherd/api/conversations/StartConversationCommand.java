package com.styleshepherd.api.conversations;

import com.styleshepherd.api.checkout.CheckoutCommand;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.workflows.checkout.ShippingAddress;
import com.styleshepherd.workflows.conversation.Wallet;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /api/conversations} (optional). The frontend passes the shopper's saved payment
 * method and address so that "check out" can be said; without them the stylist asks for them instead.
 */
@Serdeable
public record StartConversationCommand(
        @Schema(example = "pm_card_visa", maxLength = 123)
        @Nullable
        @Pattern(regexp = "^pm_[A-Za-z0-9_]{1,120}$", message = "must be a payment method id such as pm_card_visa")
        String paymentMethod,
        @Nullable @Schema(nullable = false) @Valid CheckoutCommand.Address shippingAddress) {

    static final StartConversationCommand NONE = new StartConversationCommand(null, null);

    /** The wallet, when both parts are given; one without the other is refused, naming the missing one. */
    @Nullable
    Wallet wallet() {
        if (paymentMethod == null && shippingAddress == null) {
            return null;
        }
        if (paymentMethod == null) {
            throw FieldProblem.of("paymentMethod", "is required with shippingAddress");
        }
        if (shippingAddress == null) {
            throw FieldProblem.of("shippingAddress", "is required with paymentMethod");
        }
        return new Wallet(paymentMethod, new ShippingAddress(shippingAddress.name(), shippingAddress.line1(),
                shippingAddress.city(), shippingAddress.postalCode(), shippingAddress.country()));
    }
}
