package com.styleshepherd.workflows.checkout;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One shopper's checkout, from cart to order. Workflow id {@code checkout-{Idempotency-Key}}, task
 * queue {@code checkout}. Completes with the final {@link CheckoutState}; a run that ends CANCELLED or
 * FAILED fails with {@link CheckoutFailures#CHECKOUT_CANCELLED} / {@link CheckoutFailures#CHECKOUT_FAILED}
 * after its compensations ran.
 */
@WorkflowInterface
public interface CheckoutWorkflow {

    static String workflowId(String idempotencyKey) {
        return "checkout-" + idempotencyKey;
    }

    @WorkflowMethod
    CheckoutState checkout(CheckoutRequest request);

    @QueryMethod
    CheckoutState state();

    /** A verified webhook of the payment provider about this checkout's payment intent. */
    @SignalMethod
    void paymentEvent(PaymentEvent event);

    /**
     * Tries another payment method after a decline. Answers once the attempt has an outcome
     * (succeeded, needs 3-D Secure, or declined again).
     */
    @UpdateMethod
    CheckoutState retryPayment(String paymentMethod);

    /** Rejects the update unless the checkout is waiting for another payment method. */
    @UpdateValidatorMethod(updateName = "retryPayment")
    void validateRetryPayment(String paymentMethod);
}
