package com.styleshepherd.workflows.checkout;

import com.styleshepherd.workflows.order.OrderPolicy;
import java.time.Duration;

/**
 * The time limits of one checkout, fixed when it starts (the api reads them from
 * {@code styleshepherd.checkout.*}) so a run never changes its rules half-way.
 *
 * @param paymentActionTimeout how long to wait for 3-D Secure to finish
 * @param paymentRetryWindow how long to wait for another payment method after a decline
 * @param maxPaymentAttempts payment attempts before a checkout gives up
 * @param stockHold how long reserved stock stays held before the sweeper returns it
 * @param order the rules of the order the checkout places ({@link OrderPolicy#DEFAULT} when a history
 *     recorded before orders had a workflow holds none)
 */
public record CheckoutPolicy(
        Duration paymentActionTimeout, Duration paymentRetryWindow, int maxPaymentAttempts, Duration stockHold,
        OrderPolicy order) {

    public static final CheckoutPolicy DEFAULT =
            new CheckoutPolicy(Duration.ofMinutes(15), Duration.ofMinutes(30), 5, Duration.ofMinutes(45));

    public CheckoutPolicy {
        order = order == null ? OrderPolicy.DEFAULT : order;
    }

    public CheckoutPolicy(Duration paymentActionTimeout, Duration paymentRetryWindow, int maxPaymentAttempts,
            Duration stockHold) {
        this(paymentActionTimeout, paymentRetryWindow, maxPaymentAttempts, stockHold, OrderPolicy.DEFAULT);
    }
}
