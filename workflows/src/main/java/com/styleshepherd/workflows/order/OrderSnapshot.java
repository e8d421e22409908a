package com.styleshepherd.workflows.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * The order as the database holds it when its workflow starts ({@link OrderActivities#openOrder}).
 *
 * @param paymentIntentId the provider's payment the refunds go back through
 * @param captured what the payment took: the most the refunds may add up to
 */
public record OrderSnapshot(String paymentIntentId, BigDecimal captured, String currency, List<OrderLine> lines) {

    public OrderSnapshot {
        lines = List.copyOf(lines);
    }
}
