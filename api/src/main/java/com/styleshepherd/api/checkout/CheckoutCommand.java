package com.styleshepherd.api.checkout;

import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.workflows.checkout.CartLine;
import com.styleshepherd.workflows.checkout.Purchase;
import com.styleshepherd.workflows.checkout.ShippingAddress;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code POST /api/checkouts}. Prices are not part of it: the checkout prices the cart from
 * the catalog.
 */
@Serdeable
public record CheckoutCommand(
        @NotEmpty @Size(max = 50) List<@Valid @NotNull Item> items,
        @Schema(example = "pm_card_visa", maxLength = 123)
        @NotBlank
        @Pattern(regexp = PAYMENT_METHOD, message = "must be a payment method id such as pm_card_visa")
        String paymentMethod,
        @NotNull @Valid Address shippingAddress) {

    static final String PAYMENT_METHOD = "^pm_[A-Za-z0-9_]{1,120}$";

    @Serdeable
    public record Item(
            @Schema(example = "17") @NotNull @Positive Long productId,
            @Schema(example = "M") @NotBlank @Size(max = 16) String size,
            @Schema(example = "1") @NotNull @Min(1) @Max(20) Integer quantity) {
    }

    @Serdeable
    public record Address(
            @Schema(example = "Ada Lovelace") @NotBlank @Size(max = 200) String name,
            @Schema(example = "1 Loom Street") @NotBlank @Size(max = 200) String line1,
            @Schema(example = "London") @NotBlank @Size(max = 100) String city,
            @Schema(example = "N1 9GU") @NotBlank @Size(max = 20) String postalCode,
            @Schema(example = "GB", maxLength = 2)
            @NotNull
            @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 country code such as GB")
            String country) {
    }

    /** One line per product and size: a second line for the same size is a mistake (change the quantity). */
    void checkNoDuplicateLines() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (!seen.add(item.productId() + "/" + item.size())) {
                throw FieldProblem.of("items[" + i + "]",
                        "repeats product " + item.productId() + " in size " + item.size() + ": change the quantity instead");
            }
        }
    }

    /** The purchase this body asks for: the one request shape from here to the workflow's input. */
    Purchase toPurchase() {
        return new Purchase(
                items.stream().map(item -> new CartLine(item.productId(), item.size(), item.quantity())).toList(),
                paymentMethod,
                new ShippingAddress(shippingAddress.name(), shippingAddress.line1(), shippingAddress.city(),
                        shippingAddress.postalCode(), shippingAddress.country()));
    }

}
