package com.styleshepherd.temporal;

import com.styleshepherd.workflows.checkout.CheckoutPolicy;
import com.styleshepherd.workflows.order.OrderPolicy;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * Time limits of new checkouts ({@code styleshepherd.checkout.*}); each checkout keeps the limits it
 * started with.
 */
@ConfigurationProperties("styleshepherd.checkout")
public record CheckoutSettings(
        @Bindable(defaultValue = "15m") Duration paymentActionTimeout,
        @Bindable(defaultValue = "30m") Duration paymentRetryWindow,
        @Bindable(defaultValue = "5") @Min(1) @Max(20) int maxPaymentAttempts,
        @Bindable(defaultValue = "45m") Duration stockHold) {

    /** These limits, and the rules of the order the checkout places. */
    public CheckoutPolicy policy(OrderPolicy order) {
        return new CheckoutPolicy(paymentActionTimeout, paymentRetryWindow, maxPaymentAttempts, stockHold, order);
    }
}
