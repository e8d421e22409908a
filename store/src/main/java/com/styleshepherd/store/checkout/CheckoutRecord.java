package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.CheckoutPolicy;
import com.styleshepherd.workflows.checkout.CheckoutRequest;
import com.styleshepherd.workflows.checkout.CheckoutStatus;
import com.styleshepherd.workflows.checkout.FailureReason;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code checkouts}: the listing's view of a checkout workflow. */
@MappedEntity("checkouts")
public record CheckoutRecord(
        @Id UUID id,
        String userId,
        String idempotencyKey,
        String requestHash,
        String workflowId,
        CheckoutStatus status,
        @Nullable FailureReason failureReason,
        @Nullable BigDecimal subtotal,
        @Nullable BigDecimal total,
        @Nullable String currency,
        int runs,
        @TypeDef(type = DataType.JSON) StoredCheckoutRequest request,
        Instant createdAt,
        Instant updatedAt) {

    /** The workflow's input for this checkout, with the time limits it starts with. */
    public CheckoutRequest toRequest(CheckoutPolicy policy) {
        return new CheckoutRequest(id, userId, request.items(), request.paymentMethod(), request.shippingAddress(), policy);
    }
}
