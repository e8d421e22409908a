package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.CartLine;
import com.styleshepherd.workflows.checkout.ShippingAddress;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** What the shopper asked for, kept with the checkout so an ops retry can start the same run again. */
@Serdeable
public record StoredCheckoutRequest(List<CartLine> items, String paymentMethod, ShippingAddress shippingAddress) {
}
