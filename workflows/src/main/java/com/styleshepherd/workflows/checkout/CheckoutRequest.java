package com.styleshepherd.workflows.checkout;

import java.util.List;
import java.util.UUID;

/**
 * The input of {@link CheckoutWorkflow}: what the shopper asked for, validated by the api. An ops
 * retry starts a new run with the same request.
 *
 * @param checkoutId the checkout's id (row in {@code checkouts}, created by the api)
 * @param shopperId the subject of the shopper's access token
 * @param items cart lines; one per product and size
 * @param paymentMethod a payment method id of the provider (e.g. {@code pm_card_visa})
 */
public record CheckoutRequest(
        UUID checkoutId,
        String shopperId,
        List<CartLine> items,
        String paymentMethod,
        ShippingAddress shippingAddress,
        CheckoutPolicy policy) {

    public CheckoutRequest {
        items = List.copyOf(items);
    }
}
