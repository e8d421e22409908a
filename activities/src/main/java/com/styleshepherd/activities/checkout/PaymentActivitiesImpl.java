package com.styleshepherd.activities.checkout;

import com.styleshepherd.payments.PaymentGateway;
import com.styleshepherd.payments.PaymentProviderException;
import com.styleshepherd.store.checkout.PaymentLedger;
import com.styleshepherd.store.checkout.PaymentRecord;
import com.styleshepherd.workflows.checkout.PaymentActivities;
import com.styleshepherd.workflows.checkout.PaymentAttempt;
import com.styleshepherd.workflows.checkout.PaymentCharge;
import com.styleshepherd.workflows.checkout.PaymentStatus;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Payments through the configured {@link PaymentGateway}; see {@link PaymentActivities}. */
@Singleton
public class PaymentActivitiesImpl implements PaymentActivities {

    /** Failure type of a payment call the provider refused outright (retrying cannot help). */
    public static final String PAYMENT_REJECTED = "PaymentRejected";

    private static final Logger LOG = LoggerFactory.getLogger(PaymentActivitiesImpl.class);

    private final PaymentGateway gateway;
    private final PaymentLedger ledger;

    PaymentActivitiesImpl(PaymentGateway gateway, PaymentLedger ledger) {
        this.gateway = gateway;
        this.ledger = ledger;
    }

    @Override
    public PaymentAttempt chargePayment(PaymentCharge charge) {
        // One key per attempt: a retried activity repeats the provider call harmlessly, a new card is a new call.
        String key = charge.idempotencyKey() + "/attempt-" + charge.attempt();
        PaymentAttempt attempt = provider(() -> charge.paymentIntentId() == null
                ? gateway.createAndConfirm(charge, key)
                : gateway.confirm(charge.paymentIntentId(), charge.paymentMethod(), key));
        ledger.recordAttempt(gateway.provider(), charge, attempt);
        LOG.info("Payment attempt {} on {}: {}{}", charge.attempt(), attempt.paymentIntentId(), attempt.status(),
                attempt.declineCode() == null ? "" : " (" + attempt.declineCode() + ")");
        return attempt;
    }

    @Override
    public PaymentAttempt refreshPayment(UUID checkoutId, String paymentIntentId) {
        PaymentAttempt attempt = provider(() -> gateway.retrieve(paymentIntentId));
        ledger.recordStatus(checkoutId, attempt);
        return attempt;
    }

    @Override
    public void voidPayment(UUID checkoutId) {
        Optional<PaymentRecord> payment = ledger.latestFor(checkoutId);
        if (payment.isEmpty() || payment.get().providerPaymentId() == null) {
            return;
        }
        String intentId = payment.get().providerPaymentId();
        PaymentAttempt current = provider(() -> gateway.retrieve(intentId));
        PaymentAttempt voided = switch (current.status()) {
            case CANCELLED, REFUNDED -> current;
            case SUCCEEDED -> provider(() -> gateway.refund(intentId, "void/" + intentId + "/refund"));
            default -> provider(() -> gateway.cancel(intentId, "void/" + intentId + "/cancel"));
        };
        ledger.recordStatus(checkoutId, voided);
        if (voided.status() == PaymentStatus.REFUNDED) {
            LOG.warn("Refunded {}: the checkout could not complete after the payment succeeded", intentId);
        } else {
            LOG.info("Payment {} is {}", intentId, voided.status());
        }
    }

    /** Provider errors: retried by Temporal when they may pass, the activity fails for good otherwise. */
    private static PaymentAttempt provider(Supplier<PaymentAttempt> call) {
        try {
            return call.get();
        } catch (PaymentProviderException e) {
            if (e.retryable()) {
                throw e;
            }
            throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), PAYMENT_REJECTED, e);
        }
    }
}
