package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.CheckoutPolicy;
import com.styleshepherd.workflows.checkout.CheckoutRequest;
import com.styleshepherd.workflows.checkout.CheckoutStatus;
import com.styleshepherd.workflows.checkout.FailureReason;
import com.styleshepherd.workflows.checkout.PricedCart;
import com.styleshepherd.workflows.checkout.Purchase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code checkouts}: the listing's view of a checkout workflow, whose status only the workflow writes.
 *
 * @param userId the shopper; null once the shopper's data was erased
 * @param request what the shopper asked to buy (without the address once the shopper's data was erased)
 * @param firstRunId the first run id of the run chain that recorded itself last; null before any run began
 */
@MappedEntity("checkouts")
public record CheckoutRecord(
        @Id UUID id,
        @Nullable String userId,
        String idempotencyKey,
        String requestHash,
        String workflowId,
        CheckoutStatus status,
        @Nullable FailureReason failureReason,
        @Nullable BigDecimal subtotal,
        @Nullable BigDecimal total,
        @Nullable String currency,
        int runs,
        @TypeDef(type = DataType.JSON) Purchase request,
        @Nullable String firstRunId,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The workflow's input for this checkout, with the time limits it starts with and the cart as priced when
     * it was opened (null: the workflow prices it).
     */
    public CheckoutRequest toRequest(CheckoutPolicy policy, @Nullable PricedCart cart) {
        return new CheckoutRequest(id, userId, request, policy, cart);
    }

    /**
     * Whether a workflow started for this row follows a failed run: only for a row an ops retry reopened
     * before runs recorded themselves ({@code runs > 1}, no run recorded); every other row starts its first.
     */
    public boolean followsFailedRun() {
        return runs > 1 && firstRunId == null;
    }
}
