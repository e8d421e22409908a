package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.CheckoutPolicy;
import com.styleshepherd.workflows.checkout.CheckoutRequest;
import com.styleshepherd.workflows.checkout.CheckoutStatus;
import com.styleshepherd.workflows.checkout.FailureReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code checkouts}: the listing's view of a checkout workflow. */
public record CheckoutRecord(
        UUID id,
        String userId,
        String idempotencyKey,
        String requestHash,
        String workflowId,
        CheckoutStatus status,
        FailureReason failureReason,
        BigDecimal subtotal,
        BigDecimal total,
        String currency,
        int runs,
        StoredCheckoutRequest request,
        Instant createdAt,
        Instant updatedAt) {

    /** The workflow's input for this checkout, with the time limits it starts with. */
    public CheckoutRequest toRequest(CheckoutPolicy policy) {
        return new CheckoutRequest(id, userId, request.items(), request.paymentMethod(), request.shippingAddress(), policy);
    }
}
