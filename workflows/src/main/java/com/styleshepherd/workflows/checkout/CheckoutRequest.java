package com.styleshepherd.workflows.checkout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/**
 * The input of {@link CheckoutWorkflow}: the shopper's {@link Purchase}, validated by the api, and the cart
 * as priced when the checkout was opened. An ops retry starts a new run with the same purchase and no cart:
 * it is priced again.
 *
 * @param checkoutId the checkout's id (row in {@code checkouts})
 * @param shopperId the subject of the shopper's access token
 * @param cart the cart priced (and its stock checked) as the checkout was opened; null when the workflow
 *     prices it itself (an ops retry, a checkout started by the sweep, runs started before
 *     {@link CheckoutWorkflowImpl#OPENED_CHECKOUT_CARRIED})
 */
public record CheckoutRequest(
        UUID checkoutId,
        String shopperId,
        Purchase purchase,
        CheckoutPolicy policy,
        PricedCart cart) {

    /**
     * Reads both shapes a history may hold: this one, and the flat one of runs started before
     * {@link CheckoutWorkflowImpl#OPENED_CHECKOUT_CARRIED} ({@code items}, {@code paymentMethod} and
     * {@code shippingAddress} beside the ids), so those runs still replay.
     */
    @JsonCreator
    static CheckoutRequest fromJson(
            @JsonProperty("checkoutId") UUID checkoutId,
            @JsonProperty("shopperId") String shopperId,
            @JsonProperty("purchase") Purchase purchase,
            @JsonProperty("policy") CheckoutPolicy policy,
            @JsonProperty("cart") PricedCart cart,
            @JsonProperty("items") List<CartLine> items,
            @JsonProperty("paymentMethod") String paymentMethod,
            @JsonProperty("shippingAddress") ShippingAddress shippingAddress) {
        return new CheckoutRequest(checkoutId, shopperId,
                purchase != null ? purchase : new Purchase(items, paymentMethod, shippingAddress), policy, cart);
    }
}
