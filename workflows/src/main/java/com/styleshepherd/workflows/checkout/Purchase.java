package com.styleshepherd.workflows.checkout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a shopper asks to buy: the one shape of a checkout request from the api's body (or a conversation's
 * cart) through the {@code checkouts} row to the workflow's input. Prices are never part of it.
 *
 * @param items cart lines; one per product and size
 * @param paymentMethod a payment method id of the provider (e.g. {@code pm_card_visa})
 */
public record Purchase(List<CartLine> items, String paymentMethod, ShippingAddress shippingAddress) {

    public Purchase {
        items = List.copyOf(items);
    }

    /**
     * SHA-256 (hex) of the shopper and every field, in order: the same request hashes the same, any change
     * to it (or another shopper reusing its idempotency key) does not.
     */
    public String hash(String userId) {
        StringBuilder canonical = new StringBuilder().append(userId).append('\n');
        items.forEach(item -> canonical.append(item.productId()).append('|').append(item.size()).append('|')
                .append(item.quantity()).append('\n'));
        canonical.append(paymentMethod).append('\n')
                .append(String.join("|", shippingAddress.name(), shippingAddress.line1(), shippingAddress.city(),
                        shippingAddress.postalCode(), shippingAddress.country()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
