package com.styleshepherd.workflows.conversation;

import com.styleshepherd.workflows.checkout.ShippingAddress;

/**
 * How the shopper pays and where the parcel goes when they say "check out": given by the frontend
 * when it starts the conversation (its saved card and address), never spoken.
 */
public record Wallet(String paymentMethod, ShippingAddress shippingAddress) {
}
