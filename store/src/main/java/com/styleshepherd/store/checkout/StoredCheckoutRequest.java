package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.CartLine;
import com.styleshepherd.workflows.checkout.ShippingAddress;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** What the shopper asked for, kept with the checkout so an ops retry can start the same run again. */
@Serdeable
public record StoredCheckoutRequest(List<CartLine> items, String paymentMethod, ShippingAddress shippingAddress) {

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
