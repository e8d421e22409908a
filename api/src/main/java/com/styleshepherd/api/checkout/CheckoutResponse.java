package com.styleshepherd.api.checkout;

import com.styleshepherd.store.checkout.CheckoutDetails;
import com.styleshepherd.store.checkout.CheckoutRecord;
import com.styleshepherd.store.checkout.PaymentRecord;
import com.styleshepherd.store.checkout.RiskSummary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A checkout as the shopper's frontend sees it. {@code payment.clientSecret} lets the frontend finish
 * 3-D Secure with Stripe.js when the status is PAYMENT_ACTION_REQUIRED.
 *
 * @param total money as a decimal string ("89.00"), null until the cart is priced
 */
@Serdeable
public record CheckoutResponse(
        UUID checkoutId,
        String status,
        @Nullable String failureReason,
        @Nullable UUID orderId,
        @Nullable String total,
        @Nullable String currency,
        @Nullable @Schema(nullable = false) ReturnRisk returnRisk,
        @Nullable @Schema(nullable = false) Payment payment,
        Instant createdAt,
        Instant updatedAt) {

    @Serdeable
    public record ReturnRisk(BigDecimal score, String level, List<String> reasons, List<String> suggestions) {
    }

    @Serdeable
    public record Payment(String status, @Nullable String clientSecret, @Nullable String declineCode,
            @Nullable String declineMessage, int attempts) {
    }

    static CheckoutResponse of(CheckoutDetails details) {
        CheckoutRecord checkout = details.checkout();
        RiskSummary risk = details.returnRisk();
        PaymentRecord payment = details.payment();
        return new CheckoutResponse(checkout.id(), checkout.status().name(),
                checkout.failureReason() == null ? null : checkout.failureReason().name(),
                details.orderId(),
                checkout.total() == null ? null : checkout.total().toPlainString(),
                checkout.currency(),
                risk == null ? null : new ReturnRisk(risk.score(), risk.level().name(), risk.reasons(), risk.suggestions()),
                payment == null ? null : new Payment(payment.status().name(), payment.clientSecret(),
                        payment.failureCode(), payment.failureMessage(), payment.attempts()),
                checkout.createdAt(), checkout.updatedAt());
    }
}
