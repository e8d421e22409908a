package com.styleshepherd.workflows.checkout;

/** Where the order ships; {@code country} is an ISO 3166-1 alpha-2 code. */
public record ShippingAddress(String name, String line1, String city, String postalCode, String country) {
}
