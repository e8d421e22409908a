package com.styleshepherd.workflows.conversation;

import com.styleshepherd.workflows.checkout.CheckoutRequest;
import java.math.BigDecimal;

/**
 * A checkout opened for a conversation's cart: recorded, priced and with its stock checked, ready for
 * its workflow to start ({@link Status#OPENED}); or why it could not be.
 *
 * @param workflowId the checkout workflow's id, {@code checkout-{idempotency key}}
 * @param problem what stopped it, in words, when not OPENED
 */
public record CheckoutPlan(Status status, CheckoutRequest request, String workflowId, BigDecimal total,
        String currency, String problem) {

    public enum Status { OPENED, OUT_OF_STOCK, UNAVAILABLE }
}
