package com.styleshepherd.workflows.order;

import java.math.BigDecimal;

/** What the provider did with a refund: the same answer however often the activity ran. */
public record RefundOutcome(String providerRefundId, BigDecimal amount) {
}
