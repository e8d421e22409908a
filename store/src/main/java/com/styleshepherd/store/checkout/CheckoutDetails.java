package com.styleshepherd.store.checkout;

import java.util.UUID;

/**
 * A checkout with what its steps recorded: the latest payment intent, the order, and the basket's
 * return-risk prediction (each null until that step ran).
 */
public record CheckoutDetails(CheckoutRecord checkout, PaymentRecord payment, UUID orderId, RiskSummary returnRisk) {
}
