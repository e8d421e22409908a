package com.styleshepherd.workflows.checkout;

/** A payment intent's state, in the provider-neutral words the checkout acts on. */
public enum PaymentStatus {
    /** Money taken. */
    SUCCEEDED,
    /** The shopper must authenticate (3-D Secure); the client secret lets the frontend do it. */
    REQUIRES_ACTION,
    /** The provider is still working on it; a webhook will tell. */
    PROCESSING,
    /** Declined; another payment method may be tried on the same intent. */
    DECLINED,
    CANCELLED,
    REFUNDED
}
