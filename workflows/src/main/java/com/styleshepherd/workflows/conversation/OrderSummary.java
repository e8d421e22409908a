package com.styleshepherd.workflows.conversation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The shopper's latest order, for "where is my order?". */
public record OrderSummary(UUID orderId, String status, Instant placedAt, BigDecimal total, String currency,
        List<String> items) {

    public OrderSummary {
        items = List.copyOf(items);
    }
}
